namespace Hardware.Security;

/// <summary>The one typed error of a key store.</summary>
public sealed class KeyStoreException : Exception
{
    /// <summary>Creates the error.</summary>
    public KeyStoreException(KeyStoreError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Creates the error without detail.</summary>
    public KeyStoreException()
        : this(KeyStoreError.DeviceError, "Key store error.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public KeyStoreException(string message)
        : this(KeyStoreError.DeviceError, message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public KeyStoreException(string message, Exception innerException)
        : this(KeyStoreError.DeviceError, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public KeyStoreError Error { get; }
}
