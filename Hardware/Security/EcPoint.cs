namespace Hardware.Security;

/// <summary>P-256 public key points (SEC 1 v2.0 §2.3.3: uncompressed form 0x04 || X || Y).</summary>
public static class EcPoint
{
    /// <summary>Length of an uncompressed P-256 point.</summary>
    public const int UncompressedBytes = 65;

    /// <summary>Builds 0x04 || X || Y from 32-byte coordinates.</summary>
    public static byte[] Uncompressed(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        if (x.Length != 32 || y.Length != 32)
        {
            throw new ArgumentException("P-256 coordinates are 32 bytes each.", nameof(x));
        }

        return [0x04, .. x, .. y];
    }

    /// <summary>
    /// Reads a PKCS#11 CKA_EC_POINT value: the DER encoding of an OCTET STRING holding the
    /// uncompressed point (PKCS#11 v2.40 §2.3.3, "DER-encoding of ANSI X9.62 ECPoint value Q";
    /// X.690 §8.7: tag 0x04, length 0x41, 65 bytes). Some tokens return the bare point; that is
    /// accepted too.
    /// </summary>
    /// <exception cref="KeyStoreException">The value is neither (<see cref="KeyStoreError.BadDeviceData"/>).</exception>
    public static byte[] FromPkcs11EcPoint(ReadOnlySpan<byte> value)
    {
        if (value.Length == UncompressedBytes + 2 && value[0] == 0x04 && value[1] == UncompressedBytes && value[2] == 0x04)
        {
            return value[2..].ToArray();
        }

        if (value.Length == UncompressedBytes + 3 && value[0] == 0x04 && value[1] == 0x81 && value[2] == UncompressedBytes && value[3] == 0x04)
        {
            // X.690 §8.1.3.5: long-form length 0x81 0x41 (not minimal, but some tokens write it).
            return value[3..].ToArray();
        }

        if (value.Length == UncompressedBytes && value[0] == 0x04)
        {
            return value.ToArray();
        }

        throw new KeyStoreException(KeyStoreError.BadDeviceData,
            $"CKA_EC_POINT of {value.Length} bytes is not a DER OCTET STRING holding an uncompressed P-256 point.");
    }
}
