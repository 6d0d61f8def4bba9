namespace Hardware.Flash;

/// <summary>The one typed error for a partition table read from outside (binary or CSV) that is not valid.</summary>
public sealed class PartitionTableException : Exception
{
    /// <summary>Creates the error.</summary>
    public PartitionTableException(PartitionTableError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the error without detail (serialisation and tooling).</summary>
    public PartitionTableException()
        : this(PartitionTableError.BadCsv, "Invalid partition table.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public PartitionTableException(string message)
        : this(PartitionTableError.BadCsv, message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public PartitionTableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = PartitionTableError.BadCsv;
    }

    /// <summary>What is wrong.</summary>
    public PartitionTableError Error { get; }
}
