using V2x;
using V2x.Oer;
using V2x.Security;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 (EtsiTs102941MessagesCa) EtsiTs102941Data ::= SEQUENCE { version Version (v1),
/// content EtsiTs102941DataContent }; EtsiTs102941DataContent ::= CHOICE { enrolmentRequest
/// InnerEcRequestSignedForPop, enrolmentResponse InnerEcResponse, authorizationRequest InnerAtRequest,
/// authorizationResponse InnerAtResponse, certificateRevocationList ToBeSignedCrl, certificateTrustListTlm,
/// certificateTrustListRca, authorizationValidationRequest, authorizationValidationResponse,
/// caCertificateRequest, ..., linkCertificateTlm, singleSignedLinkCertificateRca, doubleSignedlinkCertificateRca }.
/// version (v1) is a one-value constrained integer, one octet (X.696 §10.3). The trust-list, CA-request and
/// link-certificate alternatives are refused when decoded: the bench PKI neither issues nor reads them.
/// </summary>
public sealed class EtsiTs102941Data
{
    public const byte Version = 1;

    private const int RootAlternatives = 10;
    private const int ExtensionAlternatives = 3;

    private EtsiTs102941Data(EtsiTs102941Content kind, object content)
    {
        Kind = kind;
        Content = content;
    }

    public EtsiTs102941Content Kind { get; }

    /// <summary>The content value: an <see cref="Ieee1609Dot2Data"/> (the InnerEcRequestSignedForPop) or one of the record types.</summary>
    public object Content { get; }

    /// <summary>InnerEcRequestSignedForPop ::= EtsiTs103097Data-Signed{InnerEcRequest}, signed with the new EC key (proof of possession).</summary>
    public static EtsiTs102941Data EnrolmentRequest(Ieee1609Dot2Data innerEcRequestSignedForPop)
    {
        ArgumentNullException.ThrowIfNull(innerEcRequestSignedForPop);
        if (innerEcRequestSignedForPop.Kind != ContentKind.SignedData)
        {
            throw new ArgumentException("InnerEcRequestSignedForPop is signed data", nameof(innerEcRequestSignedForPop));
        }

        return new(EtsiTs102941Content.EnrolmentRequest, innerEcRequestSignedForPop);
    }

    public static EtsiTs102941Data EnrolmentResponse(InnerEcResponse response) => new(EtsiTs102941Content.EnrolmentResponse, Check(response));

    public static EtsiTs102941Data AuthorizationRequest(InnerAtRequest request) => new(EtsiTs102941Content.AuthorizationRequest, Check(request));

    public static EtsiTs102941Data AuthorizationResponse(InnerAtResponse response) => new(EtsiTs102941Content.AuthorizationResponse, Check(response));

    public static EtsiTs102941Data Crl(ToBeSignedCrl crl) => new(EtsiTs102941Content.CertificateRevocationList, Check(crl));

    public static EtsiTs102941Data ValidationRequest(AuthorizationValidationRequest request) =>
        new(EtsiTs102941Content.AuthorizationValidationRequest, Check(request));

    public static EtsiTs102941Data ValidationResponse(AuthorizationValidationResponse response) =>
        new(EtsiTs102941Content.AuthorizationValidationResponse, Check(response));

    /// <summary>The content as <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The content is of another kind.</exception>
    public T As<T>()
        where T : class =>
        Content as T ?? throw new InvalidOperationException($"content is {Kind}, not {typeof(T).Name}");

    public byte[] ToBytes()
    {
        var writer = new OerWriter(256);
        Encode(writer);
        return writer.ToArray();
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte(Version);
        writer.WriteChoiceIndex((int)Kind);
        switch (Content)
        {
            case Ieee1609Dot2Data data:
                data.Encode(writer);
                break;
            case InnerEcResponse r:
                r.Encode(writer);
                break;
            case InnerAtRequest r:
                r.Encode(writer);
                break;
            case InnerAtResponse r:
                r.Encode(writer);
                break;
            case ToBeSignedCrl r:
                r.Encode(writer);
                break;
            case AuthorizationValidationRequest r:
                r.Encode(writer);
                break;
            case AuthorizationValidationResponse r:
                r.Encode(writer);
                break;
            default:
                throw new InvalidOperationException($"no encoder for {Content.GetType().Name}");
        }
    }

    /// <summary>Decodes one EtsiTs102941Data that must fill <paramref name="encoded"/> exactly.</summary>
    /// <exception cref="DecodeException">Malformed, non-canonical or unsupported content.</exception>
    public static EtsiTs102941Data Decode(ReadOnlyMemory<byte> encoded)
    {
        var reader = new OerReader(encoded, "EtsiTs102941Data");
        reader.Push("version");
        var at = reader.Position;
        var version = reader.ReadUInt8();
        if (version != Version)
        {
            throw reader.FailAt(at, $"version {version}, expected {Version}");
        }

        reader.Pop();
        reader.Push("content");
        at = reader.Position;
        var kind = (EtsiTs102941Content)reader.ReadChoiceIndex(RootAlternatives, ExtensionAlternatives, out var isExtension);
        if (isExtension)
        {
            throw reader.FailAt(at, $"link certificate content [{(int)kind}] is not supported by the bench PKI");
        }

        reader.Push(AlternativeNames[(int)kind]);
        object content = kind switch
        {
            EtsiTs102941Content.EnrolmentRequest => DecodeSignedForPop(reader),
            EtsiTs102941Content.EnrolmentResponse => InnerEcResponse.Decode(reader),
            EtsiTs102941Content.AuthorizationRequest => InnerAtRequest.Decode(reader),
            EtsiTs102941Content.AuthorizationResponse => InnerAtResponse.Decode(reader),
            EtsiTs102941Content.CertificateRevocationList => ToBeSignedCrl.Decode(reader),
            EtsiTs102941Content.AuthorizationValidationRequest => AuthorizationValidationRequest.Decode(reader),
            EtsiTs102941Content.AuthorizationValidationResponse => AuthorizationValidationResponse.Decode(reader),
            _ => throw reader.FailAt(at, $"{kind} is not supported by the bench PKI"),
        };
        reader.Pop();
        reader.Pop();
        reader.ExpectEnd();
        return new EtsiTs102941Data(kind, content);
    }

    private static readonly string[] AlternativeNames =
    [
        "enrolmentRequest", "enrolmentResponse", "authorizationRequest", "authorizationResponse", "certificateRevocationList",
        "certificateTrustListTlm", "certificateTrustListRca", "authorizationValidationRequest", "authorizationValidationResponse", "caCertificateRequest",
    ];

    private static Ieee1609Dot2Data DecodeSignedForPop(OerReader reader)
    {
        var at = reader.Position;
        var data = Ieee1609Dot2Data.Decode(reader);
        if (data.Kind != ContentKind.SignedData)
        {
            throw reader.FailAt(at, $"InnerEcRequestSignedForPop is {data.Kind}, not signed data");
        }

        return data;
    }

    private static T Check<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }
}
