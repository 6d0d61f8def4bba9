using PkiProtocol.Client;
using PkiProtocol.Messages;
using PkiProtocol.Trust;
using V2x.Integrity;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;

namespace Pki.Tests.Authorities;

/// <summary>The enrolment and authorization flows through the authorities (library, no HTTP).</summary>
public sealed class FlowTests
{
    [Fact]
    public void Chain_from_root_to_at_validates_with_the_wire_format_verification_code()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        var ec = bench.Enrol(station);
        var (ticket, key) = bench.Authorize(station);
        var aa = bench.Pki.AaCertificate(null)!;

        // Each link with SpduVerifier.VerifyCertificate (IEEE 1609.2 §5.3.1 over the canonical encodings).
        Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(bench.Pki.RootCertificate, null));
        Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(aa, bench.Pki.RootCertificate));
        Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(ticket, aa));
        Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(bench.Pki.EaCertificate, bench.Pki.RootCertificate));
        Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(ec, bench.Pki.EaCertificate));
        Assert.Equal(VerificationFailure.KeyMismatch, SpduVerifier.VerifyCertificate(ticket, bench.Pki.EaCertificate));

        // The whole chain with validity, permissions and current CRLs.
        var validator = Validator(bench);
        Assert.Equal([ticket.HashedId8, aa.HashedId8, bench.Pki.RootCertificate.HashedId8], validator.Validate(ticket, bench.Now, requireCrls: true).Select(c => c.HashedId8));
        Assert.Equal(3, validator.Validate(ec, bench.Now, requireCrls: true).Count);

        // A CAM signed with the AT verifies under a verifier that trusts the AA.
        var verifier = new SpduVerifier(new VerificationKeyCache());
        verifier.Trust(aa);
        var signed = new SpduSigner(key, ticket).SignPayload([1, 2, 3], Psid.Cam, bench.Now, SignerChoice.Certificate);
        Assert.Equal(ticket.HashedId8, verifier.DecodeAndVerify(signed).Signer.Digest);
    }

    public static TheoryData<string, bool, byte> ConsistencyRows => new()
    {
        // name, per-model AAs, the station model's assuranceLevel (0..7)
        { "one AA, model level 2", false, 2 },
        { "one AA, model level 7 (the highest a ticket can get)", false, 7 },
        { "per-model AA, model level 2", true, 2 },
    };

    [Theory]
    [MemberData(nameof(ConsistencyRows))]
    public void Every_link_of_the_chain_passes_strict_assurance_and_region_consistency(string name, bool perModel, byte level)
    {
        // Docs/pki.md, "Chain consistency": what strict checkers (riebl/vanetza's certificate validator) demand of
        // each subject-issuer pair: the issuer has an assuranceLevel not lower than the subject's (level, then
        // confidence), and the subject's region is within the issuer's; an issuer without a region restricts nothing.
        using var bench = new TestBench(perModelAa: perModel);
        var station = bench.Register("obu-1", assurance: level);
        var ec = bench.Enrol(station);
        var (ticket, _) = bench.Authorize(station);
        var root = bench.Pki.RootCertificate;
        var aa = bench.Pki.CaCertificates.Single(c => c.HashedId8 == ticket.Issuer.Digest);
        Assert.Equal(perModel, aa.HashedId8 != bench.Pki.AaCertificate(null)?.HashedId8);

        var links = new (Certificate Subject, Certificate Issuer)[] { (ticket, aa), (aa, root), (ec, bench.Pki.EaCertificate), (bench.Pki.EaCertificate, root), (bench.Pki.AuditCertificate, root) };
        foreach (var (subject, issuer) in links)
        {
            Assert.True(AssuranceWithin(subject.ToBeSigned.AssuranceLevel, issuer.ToBeSigned.AssuranceLevel), $"{name}: {subject.HashedId8} under {issuer.HashedId8}");
            // No CA certificate has a region, so every subject's region is within its issuer's (the root's: the world).
            Assert.True(issuer.ToBeSigned.Region is null, $"{name}: region of {issuer.HashedId8}");
        }

        Assert.Equal((byte)(level << 5), ticket.ToBeSigned.AssuranceLevel);
        Assert.All(new[] { root, aa, bench.Pki.EaCertificate, bench.Pki.AuditCertificate }, ca => Assert.Equal(Pki.Authorities.CertificateProfiles.CaAssurance, ca.ToBeSigned.AssuranceLevel));

        // The national restriction stays in the ticket (identifiedRegion countryOnly 276); no CA certificate has a region.
        Assert.Equal(IdentifiedRegion.CountryOnly(276), Assert.Single(ticket.ToBeSigned.Region!.Identified));
        Assert.All(new[] { root, aa, bench.Pki.EaCertificate, bench.Pki.AuditCertificate }, ca => Assert.Null(ca.ToBeSigned.Region));
    }

    // IEEE 1609.2-2016 §6.4.27 SubjectAssurance: bits 7-5 the level, bits 1-0 the confidence (bits 4-2 reserved, which
    // vanetza reads as the confidence: both must be ordered, so reserved bits must stay 0 in every certificate).
    private static bool AssuranceWithin(byte? subject, byte? issuer)
    {
        if (subject is not { } s)
        {
            return true;
        }

        if (issuer is not { } i || (s & 0x1C) != 0 || (i & 0x1C) != 0)
        {
            return false;
        }

        return (s >> 5) < (i >> 5) || ((s >> 5) == (i >> 5) && (s & 0x03) <= (i & 0x03));
    }

    public static TheoryData<string, Action<TestBench>, string, byte?> AssuranceRows => new()
    {
        { "assessed at level 5", b => b.AssessIdf(5), "2.0", 5 },
        { "assessed at level 0", b => b.AssessIdf(0), "2.0", 0 },
        { "not assessed", _ => { }, "2.0", null },
        { "version outside the assessed range", b => b.AssessIdf(5, "1.0..1.9"), "2.0", null },
        { "range edge included", b => b.AssessIdf(4, "1.0..2.0"), "2.0", 4 },
        { "assessment withdrawn", b => b.Pki.Audit.Withdraw(b.AssessIdf(5), "evidence retracted"), "2.0", null },
        { "assessment lowered", b => b.Pki.Audit.Lower(b.AssessIdf(5), 2, "finding"), "2.0", 2 },
        { "two assessments: the lowest counts", b => { b.AssessIdf(6); b.AssessIdf(3, "2.0..2.5"); }, "2.0", 3 },
        { "assessment not yet valid", b => b.Pki.Audit.Assess("Acme", "Guard", PkiProtocol.Audit.VersionRange.Parse("1.0..2.9"), 5,
            TestBench.Start.AddDays(1), TestBench.Start.AddDays(30), "future"), "2.0", null },
        { "assessment of another product", b => b.Pki.Audit.Assess("Acme", "Watch", PkiProtocol.Audit.VersionRange.Parse("1.0..2.9"), 5,
            TestBench.Start.AddDays(-1), TestBench.Start.AddDays(30), "other"), "2.0", null },
    };

    [Theory]
    [MemberData(nameof(AssuranceRows))]
    public void At_carries_the_idf_assurance_permission_only_with_a_valid_assessment(string name, Action<TestBench> assess, string version, byte? expected)
    {
        using var bench = new TestBench();
        assess(bench);
        var station = bench.Register("obu-1", new PkiProtocol.Audit.IdfImplementation("Acme", "Guard", version));
        bench.Enrol(station);
        var (ticket, _) = bench.Authorize(station);

        Assert.True(expected == IntegrityAssurance.Read(ticket.ToBeSigned), name);
        Assert.Equal(expected is null ? 0 : 1, ticket.ToBeSigned.AppPermissions!.Count(p => p.Psid == IntegrityAssurance.Psid));
        Assert.Equal((byte)(2 << 5), ticket.ToBeSigned.AssuranceLevel);
        Assert.Contains(ticket.ToBeSigned.AppPermissions!, p => p.Psid == Psid.Cam);
        Assert.Contains(ticket.ToBeSigned.AppPermissions!, p => p.Psid == Psid.Denm);
    }

    [Fact]
    public void Two_ats_of_one_station_share_no_identifying_field()
    {
        using var bench = new TestBench();
        bench.AssessIdf(5);
        var a = bench.Register("obu-a");
        var b = bench.Register("obu-b");
        bench.Enrol(a);
        bench.Enrol(b);
        var a1 = bench.Authorize(a).Ticket;
        var a2 = bench.Authorize(a).Ticket;
        var b1 = bench.Authorize(b).Ticket;

        // No name or id, and the EC appears nowhere in the AT.
        Assert.All(new[] { a1, a2, b1 }, t => Assert.Equal(CertificateIdKind.None, t.ToBeSigned.Id.Kind));
        Assert.DoesNotContain(a.Ec!.HashedId8.ToBytes(), Windows(a1.Encoded.ToArray()));

        // Everything but the verification key is the same for two ATs of one station and for an AT of another
        // station of the model: nothing in the contents links a1 to a2 more than to b1.
        Assert.Equal(WithoutKey(a1), WithoutKey(a2));
        Assert.Equal(WithoutKey(a1), WithoutKey(b1));
        Assert.NotEqual(Hex.Of(a1.ToBeSigned.VerifyKeyIndicator.VerificationKey!.Point.X.Span), Hex.Of(a2.ToBeSigned.VerifyKeyIndicator.VerificationKey!.Point.X.Span));
        Assert.NotEqual(a1.HashedId8, a2.HashedId8);
    }

    [Fact]
    public void At_validity_is_quantised_and_a_batch_overlaps()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        bench.Enrol(station);
        bench.Clock.Advance(TimeSpan.FromMinutes(17));
        var first = bench.Authorize(station).Ticket;
        var second = bench.Authorize(station, new TicketRequest { Start = bench.Clock.GetUtcNow().AddHours(24).AddMinutes(11) }).Ticket;

        var quantum = (uint)bench.Pki.Options.TicketQuantum.TotalSeconds;
        foreach (var t in new[] { first, second })
        {
            Assert.Equal(0u, t.ToBeSigned.ValidityPeriod.Start.Seconds % quantum);
            Assert.Equal(new Duration(DurationUnit.Hours, 168), t.ToBeSigned.ValidityPeriod.Duration);
        }

        Assert.True(first.ToBeSigned.ValidityPeriod.Start.ToTime64() <= bench.Now);
        Assert.Equal(TimeSpan.FromHours(24), second.ToBeSigned.ValidityPeriod.Start.ToTime64().Since(first.ToBeSigned.ValidityPeriod.Start.ToTime64()));
        Assert.True(second.ToBeSigned.ValidityPeriod.Start.ToTime64() < first.ToBeSigned.ValidityPeriod.End, "the batch overlaps");
    }

    [Fact]
    public void Enrolment_credential_names_nobody_and_is_kept_for_download()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        var ec = bench.Enrol(station);
        Assert.Equal(CertificateIdKind.None, ec.ToBeSigned.Id.Kind);
        Assert.Equal([PkiPsids.CertificateRequest], ec.ToBeSigned.AppPermissions!.Select(p => p.Psid));
        Assert.Equal(station.EcKey.PublicKey.Point.X.ToArray(), ec.ToBeSigned.VerifyKeyIndicator.VerificationKey!.Point.X.ToArray());
        Assert.Equal(ec.Encoded.ToArray(), bench.Pki.Certificate(ec.HashedId8)!.Encoded.ToArray());
    }

    internal static ChainValidator Validator(TestBench bench)
    {
        var validator = new ChainValidator(bench.Pki.RootCertificate);
        foreach (var ca in bench.Pki.CaCertificates)
        {
            validator.AddCertificate(ca);
            if (ca.ToBeSigned.CertIssuePermissions is not null)
            {
                validator.AddCrl(ca.HashedId8, CrlMessages.Verify(bench.Pki.Root.Crl(ca.HashedId8), ca, bench.Now));
            }
        }

        return validator;
    }

    private static readonly VerificationKeyIndicator SameKey = VerificationKeyIndicator.FromKey(
        new V2x.Security.Crypto.PublicVerificationKey(V2x.Security.Crypto.SignatureAlgorithm.EcdsaNistP256, V2x.Security.Crypto.EccP256CurvePoint.Compressed(new byte[32], false)));

    // The AT's toBeSigned with the verification key replaced by a fixed one.
    private static string WithoutKey(Certificate ticket)
    {
        var writer = new OerWriter(256);
        (ticket.ToBeSigned with { VerifyKeyIndicator = SameKey }).Encode(writer);
        return Hex.Of(writer.WrittenSpan);
    }

    private static IEnumerable<byte[]> Windows(byte[] bytes)
    {
        for (var i = 0; i + 8 <= bytes.Length; i++)
        {
            yield return bytes[i..(i + 8)];
        }
    }
}
