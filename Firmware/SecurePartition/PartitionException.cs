namespace Firmware.SecurePartition;

/// <summary>The one typed error of the secure partition's operations: a refused request; state is unchanged.</summary>
public sealed class PartitionException : Exception
{
    /// <summary>Creates the error.</summary>
    public PartitionException(PartitionError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Creates the error without detail.</summary>
    public PartitionException()
        : this(PartitionError.Malformed, "Request refused.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public PartitionException(string message)
        : this(PartitionError.Malformed, message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public PartitionException(string message, Exception innerException)
        : this(PartitionError.Malformed, message, innerException)
    {
    }

    /// <summary>Why.</summary>
    public PartitionError Error { get; }
}
