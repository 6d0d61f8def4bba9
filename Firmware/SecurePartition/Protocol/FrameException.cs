namespace Firmware.SecurePartition.Protocol;

/// <summary>A frame that cannot be accepted: the server answers with an error and closes the connection.</summary>
public sealed class FrameException : Exception
{
    /// <summary>Creates the error.</summary>
    public FrameException(PartitionError error, uint requestId, string message)
        : base(message)
    {
        Error = error;
        RequestId = requestId;
    }

    /// <summary>Creates the error without detail.</summary>
    public FrameException()
        : this(PartitionError.Malformed, 0, "Bad frame.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public FrameException(string message)
        : this(PartitionError.Malformed, 0, message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public FrameException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = PartitionError.Malformed;
    }

    /// <summary>The error code to answer.</summary>
    public PartitionError Error { get; }

    /// <summary>The request id read from the header (0 when none).</summary>
    public uint RequestId { get; }
}
