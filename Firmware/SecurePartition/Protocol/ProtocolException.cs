namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// The one typed error of the protocol: a malformed, oversized or unexpected frame (on either
/// side), or an error answer the partition sent (<see cref="Error"/> tells which).
/// </summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Creates the error.</summary>
    public ProtocolException(PartitionError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Creates the error without detail.</summary>
    public ProtocolException()
        : this(PartitionError.Malformed, "Protocol error.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public ProtocolException(string message)
        : this(PartitionError.Malformed, message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public ProtocolException(string message, Exception innerException)
        : this(PartitionError.Malformed, message, innerException)
    {
    }

    /// <summary>The error code.</summary>
    public PartitionError Error { get; }
}
