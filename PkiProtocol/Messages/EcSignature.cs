using V2x.Oer;
using V2x.Security;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 EcSignature ::= CHOICE { encryptedEcSignature EtsiTs103097Data-Encrypted
/// {EtsiTs103097Data-SignedExternalPayload}, ecSignature EtsiTs103097Data-SignedExternalPayload }: the
/// EC's signature over the SharedAtRequest, encrypted for the EA so the AA never sees which EC signed.
/// </summary>
public sealed record EcSignature(bool IsEncrypted, Ieee1609Dot2Data Data)
{
    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteChoiceIndex(IsEncrypted ? 0 : 1);
        Data.Encode(writer);
    }

    public static EcSignature Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var index = reader.ReadChoiceIndex(2, 0, out _);
        var start = reader.Position;
        reader.Push(index == 0 ? "encryptedEcSignature" : "ecSignature");
        var data = Ieee1609Dot2Data.Decode(reader);
        var expected = index == 0 ? ContentKind.EncryptedData : ContentKind.SignedData;
        if (data.Kind != expected)
        {
            throw reader.FailAt(start, $"{data.Kind} where {expected} is required");
        }

        reader.Pop();
        return new EcSignature(index == 0, data);
    }
}
