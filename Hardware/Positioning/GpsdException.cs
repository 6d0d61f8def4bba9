namespace Hardware.Positioning;

/// <summary>The one typed error of the gpsd client: the peer does not speak gpsd's JSON protocol, or a report is malformed.</summary>
public sealed class GpsdException : Exception
{
    /// <summary>Creates the error.</summary>
    public GpsdException()
        : base("gpsd protocol error.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public GpsdException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public GpsdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
