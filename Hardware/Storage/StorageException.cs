namespace Hardware.Storage;

/// <summary>The one typed error of durable storage: a corrupted record, or a store with no room left.</summary>
public sealed class StorageException : Exception
{
    /// <summary>Creates the error.</summary>
    public StorageException()
        : base("Storage error.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public StorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
