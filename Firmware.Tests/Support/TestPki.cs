using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Protocol;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.Tests.Support;

/// <summary>A test root issuing authorization tickets over keys the partition generated (the PKI is someone else's component).</summary>
internal static class TestPki
{
    public static readonly EcdsaP256SignatureKey RootKey = EcdsaP256SignatureKey.Generate();

    public static readonly Certificate Root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
    {
        Id = CertificateId.FromName("root.fw.test"),
        ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Years, 10)),
        CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 1 }],
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(RootKey.PublicKey),
    }, RootKey);

    private static readonly SpduVerifier SharedVerifier = Verifier();

    /// <summary>
    /// An AT for a 65-byte uncompressed public key, with CAM and DENM permissions, the misbehaviour-report permission
    /// (0x1D, as the bench AA grants it) and IDF assurance 5 (known to <see cref="Open"/> from then on).
    /// </summary>
    public static Certificate IssueTicket(byte[] publicKey)
    {
        var ticket = NewTicket(publicKey);
        SharedVerifier.Cache.Add(new CachedSigner(ticket));
        return ticket;
    }

    private static Certificate NewTicket(byte[] publicKey) => CertificateIssuer.Issue(new ToBeSignedCertificate
    {
        Id = CertificateId.None,
        CracaId = new HashedId3(0),
        ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Hours, 168 * 20)),
        AssuranceLevel = 0x40,
        AppPermissions = IntegrityAssurance.Put(
            [new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([0x01, 0x00, 0x00])), new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF, 0xFF])),
                new PsidSsp(new Psid(0x1D), ServiceSpecificPermissions.Opaque([0x01, 0x00]))], 5),
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(BootRom.DecodeKey(publicKey)),
    }, Root, RootKey);

    /// <summary>Provisions one AT through the partition's protocol.</summary>
    public static async Task<ushort> ProvisionAsync(SecurePartitionClient client)
    {
        await client.AnnounceStartAsync("test application");
        var (slot, key) = await client.GenerateTicketKeyAsync();
        await client.InstallTicketAsync(slot, IssueTicket(key).Encoded);
        return slot;
    }

    /// <summary>A verifier trusting the test root.</summary>
    public static SpduVerifier Verifier()
    {
        var v = new SpduVerifier(new VerificationKeyCache());
        v.Trust(Root);
        return v;
    }

    /// <summary>Decodes and verifies a signed message; returns its report (null when it carries none).</summary>
    public static (VerifiedSpdu Spdu, IntegrityReport? Report) Open(byte[] spdu)
    {
        var verified = SharedVerifier.DecodeAndVerify(spdu);
        return (verified, IntegrityReportExtension.Read(verified.HeaderInfo));
    }

    public static byte[] CamPayload(int size = 100)
    {
        var payload = new byte[size];
        for (var i = 0; i < size; i++)
        {
            payload[i] = (byte)(i * 37);
        }

        return payload;
    }
}
