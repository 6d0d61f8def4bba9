namespace Hardware.Radio;

/// <summary>A radio link cannot be opened: the interface is missing or down, or the process may not open a raw socket.</summary>
public sealed class RadioLinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RadioLinkException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RadioLinkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RadioLinkException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
