using V2x.Oer;
using V2x.Security.Crypto;

namespace PkiProtocol.Messages;

/// <summary>ETSI TS 102 941 v1.4.1 PublicKeys ::= SEQUENCE { verificationKey PublicVerificationKey, encryptionKey PublicEncryptionKey OPTIONAL }.</summary>
public sealed record PublicKeys(PublicVerificationKey VerificationKey, PublicEncryptionKey? EncryptionKey = null)
{
    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePreamble(false, false, EncryptionKey is null ? 0u : 1u, 1);
        VerificationKey.Encode(writer);
        EncryptionKey?.Encode(writer);
    }

    public static PublicKeys Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var bits = reader.ReadPreamble(false, 1, out _);
        reader.Push("verificationKey");
        var key = PublicVerificationKey.Decode(reader);
        reader.Pop();
        PublicEncryptionKey? encryption = null;
        if (bits != 0)
        {
            reader.Push("encryptionKey");
            encryption = PublicEncryptionKey.Decode(reader);
            reader.Pop();
        }

        return new PublicKeys(key, encryption);
    }

    /// <summary>The COER encoding of the verification key followed by that of the encryption key, if any (the input of keyTag).</summary>
    public byte[] KeyTagInput()
    {
        var writer = new OerWriter(80);
        VerificationKey.Encode(writer);
        EncryptionKey?.Encode(writer);
        return writer.ToArray();
    }
}
