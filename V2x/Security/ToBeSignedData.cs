using V2x.Oer;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 ToBeSignedData ::= SEQUENCE { payload SignedDataPayload, headerInfo HeaderInfo }
/// (1609.2-2016 §6.3). A decoded value keeps its exact encoding: the signature is checked against
/// the hash of those bytes (§5.3.1), never against a re-encoding.
/// </summary>
public sealed class ToBeSignedData
{
    private ToBeSignedData(SignedDataPayload payload, HeaderInfo headerInfo, ReadOnlyMemory<byte> encoded)
    {
        Payload = payload;
        HeaderInfo = headerInfo;
        Encoded = encoded;
    }

    public SignedDataPayload Payload { get; }

    public HeaderInfo HeaderInfo { get; }

    /// <summary>The COER encoding this value came from or was built into.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>
    /// The encoding the signature covers (1609.2 §6.3 HeaderInfo canonicalization: a public encryption
    /// key in the header is hashed in compressed form). Equal to <see cref="Encoded"/> unless the sender
    /// put an uncompressed point there.
    /// </summary>
    public ReadOnlyMemory<byte> CanonicalEncoding()
    {
        var key = HeaderInfo.EncryptionKey?.Public;
        if (key is null || key.Point.Form != Crypto.EccPointForm.Uncompressed)
        {
            return Encoded;
        }

        var canonicalKey = new Crypto.PublicEncryptionKey(key.SymmetricAlgorithm, key.Algorithm, key.Point.ToCompressed());
        var writer = new OerWriter(Encoded.Length);
        Payload.Encode(writer);
        (HeaderInfo with { EncryptionKey = Crypto.EncryptionKey.FromPublic(canonicalKey) }).Encode(writer);
        return writer.ToArray();
    }

    public static ToBeSignedData Create(SignedDataPayload payload, HeaderInfo headerInfo)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(headerInfo);
        var writer = new OerWriter(256);
        payload.Encode(writer);
        headerInfo.Encode(writer);
        return new ToBeSignedData(payload, headerInfo, writer.ToArray());
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRaw(Encoded.Span);
    }

    public static ToBeSignedData Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        reader.Push("payload");
        var payload = SignedDataPayload.Decode(reader);
        reader.Pop();
        reader.Push("headerInfo");
        var header = HeaderInfo.Decode(reader);
        reader.Pop();
        return new ToBeSignedData(payload, header, reader.Buffer[start..reader.Position]);
    }
}
