namespace Firmware.SecurePartition.Boot;

/// <summary>The one typed error for OEM-signed documents (manifest, policy, posture response): the partition fails closed on it.</summary>
public sealed class OemDocumentException : Exception
{
    /// <summary>Creates the error.</summary>
    public OemDocumentException(OemDocumentError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Creates the error without detail.</summary>
    public OemDocumentException()
        : this(OemDocumentError.Malformed, "OEM document error.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public OemDocumentException(string message)
        : this(OemDocumentError.Malformed, message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public OemDocumentException(string message, Exception innerException)
        : this(OemDocumentError.Malformed, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public OemDocumentError Error { get; }
}
