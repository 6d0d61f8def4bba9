using V2x.Oer;
using V2x.Security;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 §6.2.3.3.1 SharedAtRequest ::= SEQUENCE { eaId HashedId8, keyTag OCTET STRING
/// (SIZE(16)), certificateFormat CertificateFormat, requestedSubjectAttributes CertificateSubjectAttributes
/// (certIssuePermissions ABSENT), ... }: the part of an AT request the AA forwards to the EA.
/// </summary>
public sealed record SharedAtRequest(HashedId8 EaId, ReadOnlyMemory<byte> KeyTag, byte CertificateFormat, SubjectAttributes RequestedSubjectAttributes)
{
    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (RequestedSubjectAttributes.CertIssuePermissions is not null)
        {
            throw new ArgumentException("an AT request does not ask for certIssuePermissions");
        }

        writer.WritePreamble(true, false, 0, 0);
        EaId.Encode(writer);
        writer.WriteFixedOctets(KeyTag.Span, 16);
        writer.WriteByte(CertificateFormat);
        RequestedSubjectAttributes.Encode(writer);
    }

    /// <summary>The COER encoding (the external payload the EC signature covers).</summary>
    public byte[] ToBytes()
    {
        var writer = new OerWriter(128);
        Encode(writer);
        return writer.ToArray();
    }

    public static SharedAtRequest Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.ReadPreamble(true, 0, out var extension);
        reader.Push("eaId");
        var eaId = HashedId8.Decode(reader);
        reader.Pop();
        var keyTag = OerExtensions.ReadFixed(reader, "keyTag", 16);
        var format = OerExtensions.ReadCertificateFormat(reader);
        reader.Push("requestedSubjectAttributes");
        var at = reader.Position;
        var attributes = SubjectAttributes.Decode(reader);
        if (attributes.CertIssuePermissions is not null)
        {
            throw reader.FailAt(at, "certIssuePermissions in an AT request");
        }

        reader.Pop();
        OerExtensions.SkipAdditions(reader, extension);
        return new SharedAtRequest(eaId, keyTag, format, attributes);
    }
}
