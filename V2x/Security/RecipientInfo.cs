using V2x.Oer;
using V2x.Security.Crypto;

namespace V2x.Security;

/// <summary>The alternatives of RecipientInfo (IEEE 1609.2-2016 §6.3.32), in tag order.</summary>
public enum RecipientKind
{
    /// <summary>pskRecipInfo: a pre-shared AES key named by its HashedId8.</summary>
    PreSharedKey = 0,

    /// <summary>symmRecipInfo: the data key encrypted under a symmetric key named by its HashedId8.</summary>
    Symmetric = 1,

    /// <summary>certRecipInfo: ECIES to the encryption key of a certificate named by its HashedId8.</summary>
    Certificate = 2,

    /// <summary>signedDataRecipInfo: ECIES to the encryption key in a signed SPDU's header.</summary>
    SignedData = 3,

    /// <summary>rekRecipInfo: ECIES to a response encryption key.</summary>
    ResponseEncryptionKey = 4,
}

/// <summary>
/// IEEE 1609.2 RecipientInfo ::= CHOICE { pskRecipInfo PreSharedKeyRecipientInfo, symmRecipInfo
/// SymmRecipientInfo, certRecipInfo PKRecipientInfo, signedDataRecipInfo PKRecipientInfo, rekRecipInfo
/// PKRecipientInfo } (1609.2-2016 §6.3.32-§6.3.35); PKRecipientInfo ::= SEQUENCE { recipientId
/// HashedId8, encKey EncryptedDataEncryptionKey }; EncryptedDataEncryptionKey ::= CHOICE {
/// eciesNistP256, eciesBrainpoolP256r1, ..., ecencSm2256 } (§6.3.36; only eciesNistP256 is built
/// or decoded here, the others are refused with a DecodeException).
/// </summary>
public sealed class RecipientInfo
{
    private RecipientInfo(RecipientKind kind, HashedId8 recipientId, EciesP256EncryptedKey? encryptedKey, SymmetricCiphertext? symmetricKey)
    {
        Kind = kind;
        RecipientId = recipientId;
        EncryptedKey = encryptedKey;
        SymmetricKey = symmetricKey;
    }

    public RecipientKind Kind { get; }

    /// <summary>The HashedId8 naming the recipient's key or certificate.</summary>
    public HashedId8 RecipientId { get; }

    /// <summary>The ECIES-wrapped data key (certificate, signedData and rek recipients).</summary>
    public EciesP256EncryptedKey? EncryptedKey { get; }

    /// <summary>The data key encrypted with a symmetric key (symmRecipInfo).</summary>
    public SymmetricCiphertext? SymmetricKey { get; }

    public static RecipientInfo PreSharedKey(HashedId8 keyId) => new(RecipientKind.PreSharedKey, keyId, null, null);

    public static RecipientInfo Symmetric(HashedId8 keyId, SymmetricCiphertext encryptedKey)
    {
        ArgumentNullException.ThrowIfNull(encryptedKey);
        return new RecipientInfo(RecipientKind.Symmetric, keyId, null, encryptedKey);
    }

    public static RecipientInfo PublicKey(RecipientKind kind, HashedId8 recipientId, EciesP256EncryptedKey encryptedKey)
    {
        ArgumentNullException.ThrowIfNull(encryptedKey);
        if (kind is not (RecipientKind.Certificate or RecipientKind.SignedData or RecipientKind.ResponseEncryptionKey))
        {
            throw new ArgumentException("an ECIES recipient is certRecipInfo, signedDataRecipInfo or rekRecipInfo", nameof(kind));
        }

        return new RecipientInfo(kind, recipientId, encryptedKey, null);
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteChoiceIndex((int)Kind);
        RecipientId.Encode(writer);
        switch (Kind)
        {
            case RecipientKind.PreSharedKey:
                break;
            case RecipientKind.Symmetric:
                SymmetricKey!.Encode(writer);
                break;
            default:
                writer.WriteChoiceIndex(0); // eciesNistP256
                EncryptedKey!.Encode(writer);
                break;
        }
    }

    public static RecipientInfo Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var kind = (RecipientKind)reader.ReadChoiceIndex(5, 0, out _);
        reader.Push("recipientId");
        var id = HashedId8.Decode(reader);
        reader.Pop();
        switch (kind)
        {
            case RecipientKind.PreSharedKey:
                return PreSharedKey(id);
            case RecipientKind.Symmetric:
                reader.Push("encKey");
                var symmetric = SymmetricCiphertext.Decode(reader);
                reader.Pop();
                return Symmetric(id, symmetric);
            default:
                reader.Push("encKey");
                var start = reader.Position;
                var algorithm = reader.ReadChoiceIndex(2, 1, out _);
                if (algorithm != 0)
                {
                    throw reader.FailAt(start, algorithm == 1
                        ? "unsupported data-key encryption eciesBrainpoolP256r1"
                        : "unsupported data-key encryption ecencSm2256");
                }

                reader.Push("eciesNistP256");
                var key = EciesP256EncryptedKey.Decode(reader);
                reader.Pop();
                reader.Pop();
                return PublicKey(kind, id, key);
        }
    }
}
