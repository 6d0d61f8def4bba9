namespace Hardware.Positioning.Sumo;

/// <summary>
/// SUMO cannot be run: the <c>sumo</c> executable is not installed (Debian package sumo), the configuration file is
/// missing, or the process exited or never opened its TraCI port.
/// </summary>
public sealed class SumoException : Exception
{
    /// <summary>Creates the error.</summary>
    public SumoException()
        : base("SUMO cannot be run.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public SumoException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public SumoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
