using V2x.Oer;
using V2x.Security.Crypto;

namespace V2x.Security.Certificates;

public sealed partial record ToBeSignedCertificate
{
    public static ToBeSignedCertificate Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var bits = reader.ReadPreamble(extensible: true, RootOptionals, out var extension);
        reader.Push("id");
        var id = CertificateId.Decode(reader);
        reader.Pop();
        reader.Push("cracaId");
        var craca = HashedId3.Decode(reader);
        reader.Pop();
        reader.Push("crlSeries");
        var crlSeries = reader.ReadUInt16();
        reader.Pop();
        reader.Push("validityPeriod");
        var validity = ValidityPeriod.Decode(reader);
        reader.Pop();

        GeographicRegion? region = null;
        byte? assurance = null;
        PsidSsp[]? app = null;
        PsidGroupPermissions[]? issue = null;
        PsidGroupPermissions[]? request = null;
        PublicEncryptionKey? encryption = null;
        if (OerReader.IsPresent(bits, RootOptionals, 0))
        {
            reader.Push("region");
            region = GeographicRegion.Decode(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 1))
        {
            reader.Push("assuranceLevel");
            assurance = reader.ReadUInt8();
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 2))
        {
            reader.Push("appPermissions");
            app = PsidSsp.DecodeList(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 3))
        {
            reader.Push("certIssuePermissions");
            issue = DecodeGroups(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 4))
        {
            reader.Push("certRequestPermissions");
            request = DecodeGroups(reader);
            reader.Pop();
        }

        var rollover = OerReader.IsPresent(bits, RootOptionals, 5);
        if (OerReader.IsPresent(bits, RootOptionals, 6))
        {
            reader.Push("encryptionKey");
            encryption = PublicEncryptionKey.Decode(reader);
            reader.Pop();
        }

        reader.Push("verifyKeyIndicator");
        var indicator = VerificationKeyIndicator.Decode(reader);
        reader.Pop();
        if (extension)
        {
            // 2022 additions (flags, appExtensions, certIssueExtensions, certRequestExtension):
            // skipped as open types (X.696 §16.5); the certificate keeps its exact bytes.
            reader.Push("extensions");
            MissingCrlIdentifier.SkipUnknownAdditions(reader);
            reader.Pop();
        }

        return new ToBeSignedCertificate
        {
            Id = id,
            CracaId = craca,
            CrlSeries = crlSeries,
            ValidityPeriod = validity,
            Region = region,
            AssuranceLevel = assurance,
            AppPermissions = app,
            CertIssuePermissions = issue,
            CertRequestPermissions = request,
            CanRequestRollover = rollover,
            EncryptionKey = encryption,
            VerifyKeyIndicator = indicator,
            HadUnknownExtensions = extension,
        };
    }

    private static PsidGroupPermissions[] DecodeGroups(OerReader reader)
    {
        var list = new PsidGroupPermissions[reader.ReadQuantity(minElementOctets: 2)];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = PsidGroupPermissions.Decode(reader);
        }

        return list;
    }
}
