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
