namespace Hardware.Security;

/// <summary>An ECDSA P-256 signature as two 32-byte big-endian integers (IEEE 1609.2 EcdsaP256Signature r and s; PKCS#11 CKM_ECDSA output r || s).</summary>
public sealed class EcdsaSignature
{
    /// <summary>Length of r and of s.</summary>
    public const int ScalarBytes = 32;

    /// <summary>Creates a signature from r and s.</summary>
    /// <exception cref="ArgumentException">r or s is not 32 bytes.</exception>
    public EcdsaSignature(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        if (r.Length != ScalarBytes || s.Length != ScalarBytes)
        {
            throw new ArgumentException("r and s must be 32 bytes each.", nameof(r));
        }

        R = r.ToArray();
        S = s.ToArray();
    }

    /// <summary>The r integer, 32 bytes big-endian.</summary>
    public byte[] R { get; }

    /// <summary>The s integer, 32 bytes big-endian.</summary>
    public byte[] S { get; }

    /// <summary>r || s (64 bytes, the IEEE P1363 form .NET's ECDsa verifies).</summary>
    public byte[] ToP1363() => [.. R, .. S];

    /// <summary>Splits r || s.</summary>
    /// <exception cref="ArgumentException">Not 64 bytes.</exception>
    public static EcdsaSignature FromP1363(ReadOnlySpan<byte> rs)
    {
        if (rs.Length != 2 * ScalarBytes)
        {
            throw new ArgumentException("r || s must be 64 bytes.", nameof(rs));
        }

        return new EcdsaSignature(rs[..ScalarBytes], rs[ScalarBytes..]);
    }
}
