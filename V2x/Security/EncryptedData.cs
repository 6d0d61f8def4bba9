using V2x.Oer;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 EncryptedData ::= SEQUENCE { recipients SequenceOfRecipientInfo, ciphertext
/// SymmetricCiphertext } (1609.2-2016 §6.3.30; ETSI TS 103 097 v2.1.1 §5.3 EtsiTs103097Data-Encrypted).
/// A message without any recipient cannot be decrypted by anyone and is refused when decoded.
/// </summary>
public sealed class EncryptedData
{
    public EncryptedData(IReadOnlyList<RecipientInfo> recipients, SymmetricCiphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("encrypted data names at least one recipient", nameof(recipients));
        }

        Recipients = recipients;
        Ciphertext = ciphertext;
    }

    public IReadOnlyList<RecipientInfo> Recipients { get; }

    public SymmetricCiphertext Ciphertext { get; }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteQuantity(Recipients.Count);
        foreach (var r in Recipients)
        {
            r.Encode(writer);
        }

        Ciphertext.Encode(writer);
    }

    public static EncryptedData Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.Push("recipients");
        var count = reader.ReadQuantity(minElementOctets: 9, minCount: 1);
        var recipients = new RecipientInfo[count];
        for (var i = 0; i < count; i++)
        {
            recipients[i] = RecipientInfo.Decode(reader);
        }

        reader.Pop();
        reader.Push("ciphertext");
        var ciphertext = SymmetricCiphertext.Decode(reader);
        reader.Pop();
        return new EncryptedData(recipients, ciphertext);
    }
}
