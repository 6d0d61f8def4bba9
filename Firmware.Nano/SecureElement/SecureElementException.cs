using System;

namespace Firmware.Nano.SecureElement;

/// <summary>A secure-element operation failed; nothing was signed.</summary>
public sealed class SecureElementException : Exception
{
    /// <summary>A failure.</summary>
    public SecureElementException(SecureElementError error, byte status, string message)
        : base(message)
    {
        Error = error;
        Status = status;
    }

    /// <summary>The kind of failure.</summary>
    public SecureElementError Error { get; }

    /// <summary>The device's status octet for <see cref="SecureElementError.Status"/> (ATECC608 status codes), else 0.</summary>
    public byte Status { get; }
}
