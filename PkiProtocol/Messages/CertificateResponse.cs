using V2x.Oer;
using V2x.Security.Certificates;

namespace PkiProtocol.Messages;

/// <summary>
/// The shape InnerEcResponse and InnerAtResponse share (ETSI TS 102 941 v1.4.1 §6.2.3.2.2 and
/// §6.2.3.3.2): SEQUENCE { requestHash OCTET STRING (SIZE(16)), responseCode ENUMERATED,
/// certificate EtsiTs103097Certificate OPTIONAL, ... }, the certificate present exactly when the
/// code is ok (value 0 in both enumerations).
/// </summary>
internal static class CertificateResponse
{
    private const int OkCode = 0;

    public static void Encode(OerWriter writer, ReadOnlySpan<byte> requestHash, int responseCode, Certificate? certificate)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if ((responseCode == OkCode) != (certificate is not null))
        {
            throw new ArgumentException("the certificate is present exactly when the response code is ok");
        }

        writer.WritePreamble(true, false, certificate is null ? 0u : 1u, 1);
        writer.WriteFixedOctets(requestHash, 16);
        writer.WriteEnumerated(responseCode);
        certificate?.Encode(writer);
    }

    public static (ReadOnlyMemory<byte> RequestHash, TCode Code, Certificate? Certificate) Decode<TCode>(OerReader reader)
        where TCode : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        var bits = reader.ReadPreamble(true, 1, out var extension);
        var hash = OerExtensions.ReadFixed(reader, "requestHash", 16);
        reader.Push("responseCode");
        var value = reader.ReadEnumerated(static v => Enum.IsDefined(typeof(TCode), v));
        reader.Pop();
        Certificate? certificate = null;
        if (bits != 0)
        {
            reader.Push("certificate");
            certificate = Certificate.Decode(reader);
            reader.Pop();
        }

        if ((value == OkCode) != (certificate is not null))
        {
            throw reader.FailAt(start, "the certificate must be present exactly when the response code is ok");
        }

        OerExtensions.SkipAdditions(reader, extension);
        return (hash, (TCode)Enum.ToObject(typeof(TCode), value), certificate);
    }
}
