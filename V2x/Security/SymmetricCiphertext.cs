using V2x.Oer;
using V2x.Security.Crypto;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 SymmetricCiphertext ::= CHOICE { aes128ccm One28BitCcmCiphertext, ..., sm4Ccm
/// One28BitCcmCiphertext } with One28BitCcmCiphertext ::= SEQUENCE { nonce OCTET STRING (SIZE (12)),
/// ccmCiphertext Opaque } (1609.2-2016 §6.3.38 AesCcmCiphertext; 2022 adds sm4Ccm). Only aes128ccm
/// is supported; sm4Ccm is decoded and refused by the decryptor.
/// </summary>
public sealed class SymmetricCiphertext
{
    public SymmetricCiphertext(SymmetricAlgorithm algorithm, ReadOnlyMemory<byte> nonce, ReadOnlyMemory<byte> ccmCiphertext)
    {
        if (!Enum.IsDefined(algorithm) || nonce.Length != 12)
        {
            throw new ArgumentException("a known algorithm and a 12-octet nonce", nameof(nonce));
        }

        Algorithm = algorithm;
        Nonce = nonce;
        CcmCiphertext = ccmCiphertext;
    }

    public SymmetricAlgorithm Algorithm { get; }

    public ReadOnlyMemory<byte> Nonce { get; }

    /// <summary>Ciphertext followed by the 16-octet CCM tag.</summary>
    public ReadOnlyMemory<byte> CcmCiphertext { get; }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Algorithm == SymmetricAlgorithm.Aes128Ccm)
        {
            writer.WriteChoiceIndex(0);
            EncodeBody(writer);
            return;
        }

        // sm4Ccm is an extension alternative: its value is an open type (X.696 §20.2).
        writer.WriteChoiceIndex(1);
        var mark = writer.BeginOpenType();
        EncodeBody(writer);
        writer.EndOpenType(mark);
    }

    private void EncodeBody(OerWriter writer)
    {
        writer.WriteFixedOctets(Nonce.Span, 12);
        writer.WriteOctetString(CcmCiphertext.Span);
    }

    public static SymmetricCiphertext Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var index = reader.ReadChoiceIndex(1, 1, out var isExtension);
        var token = isExtension ? reader.BeginOpenType() : 0;
        reader.Push(index == 0 ? "aes128ccm" : "sm4Ccm");
        reader.Push("nonce");
        var nonce = reader.ReadFixedOctets(12);
        reader.Pop();
        reader.Push("ccmCiphertext");
        var ciphertext = reader.ReadOctetString();
        reader.Pop();
        reader.Pop();
        if (isExtension)
        {
            reader.EndOpenType(token);
        }

        return new SymmetricCiphertext((SymmetricAlgorithm)index, nonce, ciphertext);
    }
}
