namespace Hardware.Positioning;

/// <summary>The one typed error for an NMEA 0183 sentence that cannot be read.</summary>
public sealed class NmeaException : Exception
{
    /// <summary>Creates the error.</summary>
    public NmeaException(NmeaError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the error without detail.</summary>
    public NmeaException()
        : this(NmeaError.BadFraming, "Invalid NMEA sentence.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public NmeaException(string message)
        : this(NmeaError.BadFraming, message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public NmeaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = NmeaError.BadFraming;
    }

    /// <summary>What is wrong.</summary>
    public NmeaError Error { get; }
}
