using V2x.Oer;

namespace V2x.Security;

/// <summary>The alternatives of Ieee1609Dot2Content (IEEE 1609.2-2016 §6.3; 2022 adds signedX509CertificateRequest).</summary>
public enum ContentKind
{
    UnsecuredData = 0,
    SignedData = 1,
    EncryptedData = 2,
    SignedCertificateRequest = 3,
    SignedX509CertificateRequest = 4,
}

/// <summary>
/// IEEE 1609.2 Ieee1609Dot2Data ::= SEQUENCE { protocolVersion Uint8(3), content Ieee1609Dot2Content }
/// (1609.2-2016 §6.3; ETSI TS 103 097 v2.1.1 §5.1 EtsiTs103097Data). Carries unsecured data,
/// signed data, encrypted data (1609.2-2016 §6.3.30), or the opaque certificate requests.
/// </summary>
public sealed class Ieee1609Dot2Data
{
    /// <summary>The only protocol version of IEEE 1609.2 (2016 and later) and ETSI TS 103 097 v1.3+.</summary>
    public const byte ProtocolVersion = 3;

    private Ieee1609Dot2Data(ContentKind kind, ReadOnlyMemory<byte> opaque, SignedData? signed, ReadOnlyMemory<byte> encoded,
        EncryptedData? encrypted = null)
    {
        Kind = kind;
        Opaque = opaque;
        SignedData = signed;
        Encoded = encoded;
        EncryptedData = encrypted;
    }

    public ContentKind Kind { get; }

    /// <summary>The octets of unsecuredData (or of an opaque certificate request).</summary>
    public ReadOnlyMemory<byte> Opaque { get; }

    public SignedData? SignedData { get; }

    public EncryptedData? EncryptedData { get; }

    /// <summary>The COER encoding this value came from or was built into.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    public static Ieee1609Dot2Data Unsecured(ReadOnlySpan<byte> payload) => Build(ContentKind.UnsecuredData, payload.ToArray(), null);

    public static Ieee1609Dot2Data Signed(SignedData signedData)
    {
        ArgumentNullException.ThrowIfNull(signedData);
        return Build(ContentKind.SignedData, default, signedData);
    }

    public static Ieee1609Dot2Data Encrypted(EncryptedData encryptedData)
    {
        ArgumentNullException.ThrowIfNull(encryptedData);
        var writer = new OerWriter(encryptedData.Ciphertext.CcmCiphertext.Length + 160);
        writer.WriteByte(ProtocolVersion);
        writer.WriteChoiceIndex((int)ContentKind.EncryptedData);
        encryptedData.Encode(writer);
        return new Ieee1609Dot2Data(ContentKind.EncryptedData, default, null, writer.ToArray(), encryptedData);
    }

    private static Ieee1609Dot2Data Build(ContentKind kind, ReadOnlyMemory<byte> opaque, SignedData? signed)
    {
        var writer = new OerWriter(opaque.Length + 160);
        EncodeParts(writer, kind, opaque.Span, signed);
        return new Ieee1609Dot2Data(kind, opaque, signed, writer.ToArray());
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRaw(Encoded.Span);
    }

    private static void EncodeParts(OerWriter writer, ContentKind kind, ReadOnlySpan<byte> opaque, SignedData? signed)
    {
        writer.WriteByte(ProtocolVersion);
        writer.WriteChoiceIndex((int)kind);
        switch (kind)
        {
            case ContentKind.SignedData:
                signed!.Encode(writer);
                break;
            case ContentKind.SignedX509CertificateRequest:
                var mark = writer.BeginOpenType();
                writer.WriteOctetString(opaque);
                writer.EndOpenType(mark);
                break;
            default:
                writer.WriteOctetString(opaque);
                break;
        }
    }

    public static Ieee1609Dot2Data Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        reader.Push("protocolVersion");
        var version = reader.ReadUInt8();
        if (version != ProtocolVersion)
        {
            throw reader.FailAt(start, $"protocol version {version}, expected {ProtocolVersion}");
        }

        reader.Pop();
        reader.Push("content");
        var kind = (ContentKind)reader.ReadChoiceIndex(4, 1, out _);
        Ieee1609Dot2Data result;
        switch (kind)
        {
            case ContentKind.SignedData:
                reader.Push("signedData");
                var signed = SignedData.Decode(reader);
                reader.Pop();
                result = new Ieee1609Dot2Data(kind, default, signed, reader.Buffer[start..reader.Position]);
                break;
            case ContentKind.EncryptedData:
                reader.Push("encryptedData");
                var encrypted = EncryptedData.Decode(reader);
                reader.Pop();
                result = new Ieee1609Dot2Data(kind, default, null, reader.Buffer[start..reader.Position], encrypted);
                break;
            case ContentKind.SignedX509CertificateRequest:
                var token = reader.BeginOpenType();
                var x509 = reader.ReadOctetString();
                reader.EndOpenType(token);
                result = new Ieee1609Dot2Data(kind, x509, null, reader.Buffer[start..reader.Position]);
                break;
            default:
                reader.Push(kind == ContentKind.UnsecuredData ? "unsecuredData" : "signedCertificateRequest");
                var opaque = reader.ReadOctetString();
                reader.Pop();
                result = new Ieee1609Dot2Data(kind, opaque, null, reader.Buffer[start..reader.Position]);
                break;
        }

        reader.Pop();
        return result;
    }

    /// <summary>Decodes a whole SPDU: the value must fill <paramref name="encoded"/> exactly (no trailing bytes).</summary>
    /// <exception cref="DecodeException">The bytes are not one canonical Ieee1609Dot2Data.</exception>
    public static Ieee1609Dot2Data Decode(ReadOnlyMemory<byte> encoded)
    {
        var reader = new OerReader(encoded, "Ieee1609Dot2Data");
        var data = Decode(reader);
        reader.ExpectEnd();
        return data;
    }
}
