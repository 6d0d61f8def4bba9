using V2x.Oer;

namespace V2x.Security.Crypto;

/// <summary>
/// IEEE 1609.2 EncryptionKey ::= CHOICE { public PublicEncryptionKey, symmetric SymmetricEncryptionKey }
/// (1609.2-2022 §6.3 base types); SymmetricEncryptionKey ::= CHOICE { aes128Ccm OCTET STRING (SIZE(16)),
/// ..., sm4Ccm OCTET STRING (SIZE(16)) }.
/// </summary>
public sealed class EncryptionKey
{
    private EncryptionKey(PublicEncryptionKey? publicKey, SymmetricAlgorithm symmetricAlgorithm, ReadOnlyMemory<byte> symmetricKey)
    {
        Public = publicKey;
        SymmetricAlgorithm = symmetricAlgorithm;
        SymmetricKey = symmetricKey;
    }

    /// <summary>The public key, or null for a symmetric key.</summary>
    public PublicEncryptionKey? Public { get; }

    public SymmetricAlgorithm SymmetricAlgorithm { get; }

    /// <summary>The 16-octet symmetric key, empty for a public key.</summary>
    public ReadOnlyMemory<byte> SymmetricKey { get; }

    public static EncryptionKey FromPublic(PublicEncryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new EncryptionKey(key, key.SymmetricAlgorithm, default);
    }

    public static EncryptionKey FromSymmetric(SymmetricAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        if (key.Length != 16 || !Enum.IsDefined(algorithm))
        {
            throw new ArgumentException("a symmetric key is 16 octets of a known algorithm", nameof(key));
        }

        return new EncryptionKey(null, algorithm, key.ToArray());
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Public is not null)
        {
            writer.WriteChoiceIndex(0);
            Public.Encode(writer);
            return;
        }

        writer.WriteChoiceIndex(1);
        if (SymmetricAlgorithm == SymmetricAlgorithm.Aes128Ccm)
        {
            writer.WriteChoiceIndex(0);
            writer.WriteFixedOctets(SymmetricKey.Span, 16);
        }
        else
        {
            writer.WriteChoiceIndex(1);
            writer.WriteLength(16);
            writer.WriteFixedOctets(SymmetricKey.Span, 16);
        }
    }

    public static EncryptionKey Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadChoiceIndex(2, 0, out _) == 0)
        {
            reader.Push("public");
            var key = PublicEncryptionKey.Decode(reader);
            reader.Pop();
            return new EncryptionKey(key, key.SymmetricAlgorithm, default);
        }

        reader.Push("symmetric");
        var index = reader.ReadChoiceIndex(1, 1, out var isExtension);
        ReadOnlyMemory<byte> bytes;
        if (isExtension)
        {
            var token = reader.BeginOpenType();
            bytes = reader.ReadFixedOctets(16);
            reader.EndOpenType(token);
        }
        else
        {
            bytes = reader.ReadFixedOctets(16);
        }

        reader.Pop();
        return new EncryptionKey(null, (SymmetricAlgorithm)index, bytes);
    }
}
