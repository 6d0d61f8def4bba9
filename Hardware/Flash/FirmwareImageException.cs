namespace Hardware.Flash;

/// <summary>The one typed error for a firmware image header that cannot be read.</summary>
public sealed class FirmwareImageException : Exception
{
    /// <summary>Creates the error.</summary>
    public FirmwareImageException(FirmwareImageError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the error without detail.</summary>
    public FirmwareImageException()
        : this(FirmwareImageError.BadMagic, "Invalid firmware image header.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public FirmwareImageException(string message)
        : this(FirmwareImageError.BadMagic, message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public FirmwareImageException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = FirmwareImageError.BadMagic;
    }

    /// <summary>What is wrong.</summary>
    public FirmwareImageError Error { get; }
}
