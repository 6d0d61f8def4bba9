using V2x.Oer;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 §6.2.3.3.1 InnerAtRequest ::= SEQUENCE { publicKeys PublicKeys, hmacKey OCTET
/// STRING (SIZE(32)), sharedAtRequest SharedAtRequest, ecSignature EcSignature, ... }. keyTag (in the
/// shared part) is the leftmost 16 octets of HMAC-SHA256(hmacKey, COER(verificationKey) ‖ COER(encryptionKey)),
/// binding the AT keys the AA sees to the request the EA validates without revealing them to the EA.
/// </summary>
public sealed record InnerAtRequest(PublicKeys PublicKeys, ReadOnlyMemory<byte> HmacKey, SharedAtRequest SharedAtRequest, EcSignature EcSignature)
{
    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePreamble(true, false, 0, 0);
        PublicKeys.Encode(writer);
        writer.WriteFixedOctets(HmacKey.Span, 32);
        SharedAtRequest.Encode(writer);
        EcSignature.Encode(writer);
    }

    public static InnerAtRequest Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.ReadPreamble(true, 0, out var extension);
        reader.Push("publicKeys");
        var keys = PublicKeys.Decode(reader);
        reader.Pop();
        var hmacKey = OerExtensions.ReadFixed(reader, "hmacKey", 32);
        reader.Push("sharedAtRequest");
        var shared = SharedAtRequest.Decode(reader);
        reader.Pop();
        reader.Push("ecSignature");
        var signature = EcSignature.Decode(reader);
        reader.Pop();
        OerExtensions.SkipAdditions(reader, extension);
        return new InnerAtRequest(keys, hmacKey, shared, signature);
    }

    /// <summary>keyTag of <paramref name="keys"/> under <paramref name="hmacKey"/> (TS 102 941 v1.4.1 §6.2.3.3.1).</summary>
    public static byte[] ComputeKeyTag(ReadOnlySpan<byte> hmacKey, PublicKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return System.Security.Cryptography.HMACSHA256.HashData(hmacKey, keys.KeyTagInput())[..16];
    }
}
