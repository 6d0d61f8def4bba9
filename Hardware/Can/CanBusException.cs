namespace Hardware.Can;

/// <summary>A CAN interface cannot be used (missing, not a CAN device, no permission) or a log line is not can-utils format.</summary>
public sealed class CanBusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CanBusException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CanBusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CanBusException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
