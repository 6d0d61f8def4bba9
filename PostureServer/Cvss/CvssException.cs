namespace PostureServer.Cvss;

/// <summary>A CVSS vector string that does not follow the specification (FIRST CVSS v3.1 §6).</summary>
public sealed class CvssException : Exception
{
    public CvssException()
    {
    }

    public CvssException(string message)
        : base(message)
    {
    }

    public CvssException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
