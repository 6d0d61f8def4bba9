namespace Hardware.Simulated;

/// <summary>Thrown by <see cref="PowerCutFlashImage"/> when the simulated power cut interrupts a flash operation.</summary>
public sealed class SimulatedPowerLossException : IOException
{
    /// <summary>Creates the error.</summary>
    public SimulatedPowerLossException()
        : base("Simulated power loss during a flash operation.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public SimulatedPowerLossException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public SimulatedPowerLossException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
