using V2x.Oer;
using V2x.Security.Certificates;

namespace Pki.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 §6.2.3.2.2 InnerEcResponse ::= SEQUENCE { requestHash OCTET STRING (SIZE(16)),
/// responseCode EnrolmentResponseCode, certificate EtsiTs103097Certificate OPTIONAL, ... }, the
/// certificate present exactly when the code is ok.
/// </summary>
public sealed record InnerEcResponse(ReadOnlyMemory<byte> RequestHash, EnrolmentResponseCode ResponseCode, Certificate? Certificate)
{
    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if ((ResponseCode == EnrolmentResponseCode.Ok) != (Certificate is not null))
        {
            throw new ArgumentException("the certificate is present exactly when the response code is ok");
        }

        writer.WritePreamble(true, false, Certificate is null ? 0u : 1u, 1);
        writer.WriteFixedOctets(RequestHash.Span, 16);
        writer.WriteEnumerated((int)ResponseCode);
        Certificate?.Encode(writer);
    }

    public static InnerEcResponse Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        var bits = reader.ReadPreamble(true, 1, out var extension);
        var hash = OerExtensions.ReadFixed(reader, "requestHash", 16);
        reader.Push("responseCode");
        var code = (EnrolmentResponseCode)reader.ReadEnumerated(static v => Enum.IsDefined((EnrolmentResponseCode)v));
        reader.Pop();
        Certificate? certificate = null;
        if (bits != 0)
        {
            reader.Push("certificate");
            certificate = Certificate.Decode(reader);
            reader.Pop();
        }

        if ((code == EnrolmentResponseCode.Ok) != (certificate is not null))
        {
            throw reader.FailAt(start, "the certificate must be present exactly when the response code is ok");
        }

        OerExtensions.SkipAdditions(reader, extension);
        return new InnerEcResponse(hash, code, certificate);
    }
}
