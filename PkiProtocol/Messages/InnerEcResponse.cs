using V2x.Oer;
using V2x.Security.Certificates;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 §6.2.3.2.2 InnerEcResponse ::= SEQUENCE { requestHash OCTET STRING (SIZE(16)),
/// responseCode EnrolmentResponseCode, certificate EtsiTs103097Certificate OPTIONAL, ... }, the
/// certificate present exactly when the code is ok.
/// </summary>
public sealed record InnerEcResponse(ReadOnlyMemory<byte> RequestHash, EnrolmentResponseCode ResponseCode, Certificate? Certificate)
{
    public void Encode(OerWriter writer) =>
        CertificateResponse.Encode(writer, RequestHash.Span, (int)ResponseCode, Certificate);

    public static InnerEcResponse Decode(OerReader reader)
    {
        var (hash, code, certificate) = CertificateResponse.Decode<EnrolmentResponseCode>(reader);
        return new InnerEcResponse(hash, code, certificate);
    }
}
