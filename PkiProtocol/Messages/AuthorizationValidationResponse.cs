using V2x.Oer;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 §6.2.3.4.2 AuthorizationValidationResponse ::= SEQUENCE { requestHash OCTET
/// STRING (SIZE(16)), responseCode AuthorizationValidationResponseCode, confirmedSubjectAttributes
/// CertificateSubjectAttributes (certIssuePermissions ABSENT) OPTIONAL, ... }, the attributes present
/// exactly when the code is ok. The confirmed attributes carry this project's intDetectAssuranceLevel.
/// </summary>
public sealed record AuthorizationValidationResponse(ReadOnlyMemory<byte> RequestHash, AuthorizationValidationResponseCode ResponseCode,
    SubjectAttributes? ConfirmedSubjectAttributes)
{
    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if ((ResponseCode == AuthorizationValidationResponseCode.Ok) != (ConfirmedSubjectAttributes is not null))
        {
            throw new ArgumentException("confirmedSubjectAttributes are present exactly when the response code is ok");
        }

        writer.WritePreamble(true, false, ConfirmedSubjectAttributes is null ? 0u : 1u, 1);
        writer.WriteFixedOctets(RequestHash.Span, 16);
        writer.WriteEnumerated((int)ResponseCode);
        ConfirmedSubjectAttributes?.Encode(writer);
    }

    public static AuthorizationValidationResponse Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        var bits = reader.ReadPreamble(true, 1, out var extension);
        var hash = OerExtensions.ReadFixed(reader, "requestHash", 16);
        reader.Push("responseCode");
        var code = (AuthorizationValidationResponseCode)reader.ReadEnumerated(static v => Enum.IsDefined((AuthorizationValidationResponseCode)v));
        reader.Pop();
        SubjectAttributes? attributes = null;
        if (bits != 0)
        {
            reader.Push("confirmedSubjectAttributes");
            var at = reader.Position;
            attributes = SubjectAttributes.Decode(reader);
            if (attributes.CertIssuePermissions is not null)
            {
                throw reader.FailAt(at, "certIssuePermissions in confirmed attributes");
            }

            reader.Pop();
        }

        if ((code == AuthorizationValidationResponseCode.Ok) != (attributes is not null))
        {
            throw reader.FailAt(start, "confirmedSubjectAttributes must be present exactly when the response code is ok");
        }

        OerExtensions.SkipAdditions(reader, extension);
        return new AuthorizationValidationResponse(hash, code, attributes);
    }
}
