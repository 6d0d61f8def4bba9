using V2x.Oer;
using V2x.Security.Crypto;

namespace V2x.Security.Certificates;

/// <summary>
/// IEEE 1609.2 ToBeSignedCertificate (1609.2-2016 §6.4; as profiled by ETSI TS 103 097 v2.1.1 §6):
/// id, cracaId, crlSeries, validityPeriod, then OPTIONAL region, assuranceLevel, appPermissions,
/// certIssuePermissions, certRequestPermissions, canRequestRollover, encryptionKey, and
/// verifyKeyIndicator. Extension additions of the 2022 edition (flags, appExtensions, ...) are
/// skipped on decoding; the certificate keeps its exact bytes, so hashes and signatures are unaffected.
/// </summary>
public sealed partial record ToBeSignedCertificate
{
    private const int RootOptionals = 7;

    public required CertificateId Id { get; init; }

    public HashedId3 CracaId { get; init; }

    public ushort CrlSeries { get; init; }

    public required ValidityPeriod ValidityPeriod { get; init; }

    public GeographicRegion? Region { get; init; }

    /// <summary>SubjectAssurance ::= OCTET STRING (SIZE(1)) (1609.2-2016 §6.4): assurance level bits 7-5, confidence bits 1-0.</summary>
    public byte? AssuranceLevel { get; init; }

    public IReadOnlyList<PsidSsp>? AppPermissions { get; init; }

    public IReadOnlyList<PsidGroupPermissions>? CertIssuePermissions { get; init; }

    public IReadOnlyList<PsidGroupPermissions>? CertRequestPermissions { get; init; }

    public bool CanRequestRollover { get; init; }

    public PublicEncryptionKey? EncryptionKey { get; init; }

    public required VerificationKeyIndicator VerifyKeyIndicator { get; init; }

    /// <summary>Whether extension additions this library does not model were present (and skipped).</summary>
    public bool HadUnknownExtensions { get; init; }

    /// <summary>Whether the keys are in the 1609.2 canonical (compressed) form, so the encoding can be hashed as is.</summary>
    public bool IsCanonical =>
        VerifyKeyIndicator.VerificationKey?.Point.Form != EccPointForm.Uncompressed &&
        EncryptionKey?.Point.Form != EccPointForm.Uncompressed;

    /// <summary>The canonical form (1609.2-2016 §6.4): public keys compressed.</summary>
    public ToBeSignedCertificate ToCanonical()
    {
        if (IsCanonical)
        {
            return this;
        }

        var key = VerifyKeyIndicator.VerificationKey;
        var encryption = EncryptionKey;
        return this with
        {
            VerifyKeyIndicator = key is null ? VerifyKeyIndicator : VerificationKeyIndicator.FromKey(key.ToCanonical()),
            EncryptionKey = encryption is null ? null : new PublicEncryptionKey(encryption.SymmetricAlgorithm, encryption.Algorithm, encryption.Point.ToCompressed()),
        };
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var bits = OerRules.PresenceBits(Region is not null, AssuranceLevel.HasValue, AppPermissions is not null,
            CertIssuePermissions is not null, CertRequestPermissions is not null, CanRequestRollover, EncryptionKey is not null);
        writer.WritePreamble(extensible: true, extensionPresent: false, bits, RootOptionals);
        Id.Encode(writer);
        CracaId.Encode(writer);
        writer.WriteUInt16(CrlSeries);
        ValidityPeriod.Encode(writer);
        Region?.Encode(writer);
        if (AssuranceLevel is { } level)
        {
            writer.WriteByte(level);
        }

        if (AppPermissions is not null)
        {
            PsidSsp.EncodeList(writer, AppPermissions);
        }

        EncodeGroups(writer, CertIssuePermissions);
        EncodeGroups(writer, CertRequestPermissions);
        EncryptionKey?.Encode(writer);
        VerifyKeyIndicator.Encode(writer);
    }

    private static void EncodeGroups(OerWriter writer, IReadOnlyList<PsidGroupPermissions>? groups)
    {
        if (groups is null)
        {
            return;
        }

        writer.WriteQuantity(groups.Count);
        foreach (var g in groups)
        {
            g.Encode(writer);
        }
    }
}
