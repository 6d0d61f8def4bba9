using V2x.Oer;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 §6.2.3.2.1 (EtsiTs102941TypesEnrolment) InnerEcRequest ::= SEQUENCE { itsId
/// OCTET STRING, certificateFormat CertificateFormat, publicKeys PublicKeys, requestedSubjectAttributes
/// CertificateSubjectAttributes (certIssuePermissions ABSENT), ... }. itsId is the canonical identifier
/// for an initial enrolment.
/// </summary>
public sealed record InnerEcRequest(ReadOnlyMemory<byte> ItsId, byte CertificateFormat, PublicKeys PublicKeys, SubjectAttributes RequestedSubjectAttributes)
{
    /// <summary>Largest itsId accepted (a canonical identifier or a HashedId8).</summary>
    public const int MaxItsIdOctets = 255;

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (RequestedSubjectAttributes.CertIssuePermissions is not null)
        {
            throw new ArgumentException("an enrolment request does not ask for certIssuePermissions");
        }

        writer.WritePreamble(true, false, 0, 0);
        writer.WriteOctetString(ItsId.Span, 1, MaxItsIdOctets);
        writer.WriteByte(CertificateFormat);
        PublicKeys.Encode(writer);
        RequestedSubjectAttributes.Encode(writer);
    }

    public static InnerEcRequest Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.ReadPreamble(true, 0, out var extension);
        reader.Push("itsId");
        var itsId = reader.ReadOctetString(1, MaxItsIdOctets);
        reader.Pop();
        var format = OerExtensions.ReadCertificateFormat(reader);
        reader.Push("publicKeys");
        var keys = PublicKeys.Decode(reader);
        reader.Pop();
        reader.Push("requestedSubjectAttributes");
        var at = reader.Position;
        var attributes = SubjectAttributes.Decode(reader);
        if (attributes.CertIssuePermissions is not null)
        {
            throw reader.FailAt(at, "certIssuePermissions in an enrolment request");
        }

        reader.Pop();
        OerExtensions.SkipAdditions(reader, extension);
        return new InnerEcRequest(itsId, format, keys, attributes);
    }
}
