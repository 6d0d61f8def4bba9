using V2x.Oer;
using V2x.Security.Certificates;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 §6.2.3.3.2 InnerAtResponse ::= SEQUENCE { requestHash OCTET STRING (SIZE(16)),
/// responseCode AuthorizationResponseCode, certificate EtsiTs103097Certificate OPTIONAL, ... }, the
/// certificate present exactly when the code is ok.
/// </summary>
public sealed record InnerAtResponse(ReadOnlyMemory<byte> RequestHash, AuthorizationResponseCode ResponseCode, Certificate? Certificate)
{
    public void Encode(OerWriter writer) =>
        CertificateResponse.Encode(writer, RequestHash.Span, (int)ResponseCode, Certificate);

    public static InnerAtResponse Decode(OerReader reader)
    {
        var (hash, code, certificate) = CertificateResponse.Decode<AuthorizationResponseCode>(reader);
        return new InnerAtResponse(hash, code, certificate);
    }
}
