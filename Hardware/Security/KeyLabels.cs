namespace Hardware.Security;

/// <summary>Argument rules shared by the key stores.</summary>
public static class KeyLabels
{
    /// <summary>Longest label.</summary>
    public const int MaxLabelLength = 64;

    /// <summary>Length of the digest the stores sign (SHA-256).</summary>
    public const int DigestBytes = 32;

    /// <summary>Throws <see cref="ArgumentException"/> unless the label is 1 to 64 printable ASCII characters.</summary>
    public static void Validate(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length is 0 or > MaxLabelLength || label.Any(c => c < 0x21 || c > 0x7E))
        {
            throw new ArgumentException($"A key label is 1 to {MaxLabelLength} printable ASCII characters.", nameof(label));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the digest is 32 bytes.</summary>
    public static void ValidateDigest(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != DigestBytes)
        {
            throw new ArgumentException($"The digest must be {DigestBytes} bytes (SHA-256), got {digest.Length}.", nameof(digest));
        }
    }
}
