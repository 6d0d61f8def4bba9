using V2x.Oer;
using V2x.Security.Crypto;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 SignedData ::= SEQUENCE { hashId HashAlgorithm, tbsData ToBeSignedData, signer
/// SignerIdentifier, signature Signature } (1609.2-2016 §6.3).
/// </summary>
public sealed class SignedData
{
    public SignedData(HashAlgorithm hashId, ToBeSignedData tbsData, SignerIdentifier signer, Signature signature)
    {
        ArgumentNullException.ThrowIfNull(tbsData);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(signature);
        HashId = hashId;
        TbsData = tbsData;
        Signer = signer;
        Signature = signature;
    }

    public HashAlgorithm HashId { get; }

    public ToBeSignedData TbsData { get; }

    public SignerIdentifier Signer { get; }

    public Signature Signature { get; }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteEnumerated((int)HashId);
        TbsData.Encode(writer);
        Signer.Encode(writer);
        Signature.Encode(writer);
    }

    public static SignedData Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.Push("hashId");
        var hashId = (HashAlgorithm)reader.ReadEnumerated(static v => v is >= 0 and <= 2);
        reader.Pop();
        reader.Push("tbsData");
        var tbs = ToBeSignedData.Decode(reader);
        reader.Pop();
        reader.Push("signer");
        var signer = SignerIdentifier.Decode(reader);
        reader.Pop();
        reader.Push("signature");
        var signature = Signature.Decode(reader);
        reader.Pop();
        return new SignedData(hashId, tbs, signer, signature);
    }
}
