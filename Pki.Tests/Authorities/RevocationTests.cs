using Pki.Audit;
using PkiProtocol;
using PkiProtocol.Audit;
using PkiProtocol.Messages;
using PkiProtocol.Trust;
using V2x.Integrity;
using V2x.Security.Certificates;

namespace Pki.Tests.Authorities;

/// <summary>Revocation (patent ¶157-170): CRL entries break chains, model-wide revocation, later authorization after a patch.</summary>
public sealed class RevocationTests
{
    public static TheoryData<string, Func<TestBench, Station, Certificate, string>> CrlRows => new()
    {
        { "the AT on the AA's CRL (station revoked)", (b, s, _) => b.Pki.Revocations.RevokeStation(s.Id, "stolen") },
        { "the AT itself revoked", (b, _, t) => b.Pki.Revocations.RevokeCertificate(t.HashedId8, "key leaked") },
        { "the AA on the root CRL", (b, _, _) => b.Pki.Revocations.RevokeCertificate(b.Pki.AaCertificate(null)!.HashedId8, "AA compromised") },
    };

    [Theory]
    [MemberData(nameof(CrlRows))]
    public void Crl_entries_make_chain_checks_fail(string name, Func<TestBench, Station, Certificate, string> revoke)
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        bench.Enrol(station);
        var (ticket, _) = bench.Authorize(station);
        var aa = bench.Pki.AaCertificate(null)!;
        Assert.Equal(3, FlowTests.Validator(bench).Validate(ticket, bench.Now, requireCrls: true).Count);

        revoke(bench, station, ticket);

        // The signed CRL messages, verified as a receiver would, now carry the entry and the chain check fails.
        var error = Assert.Throws<PkiException>(() => FlowTests.Validator(bench).Validate(ticket, bench.Now, requireCrls: true));
        Assert.True(error.Failure == PkiFailure.CertificateRevoked, $"{name}: {error.Message}");
        var crls = new[] { aa, bench.Pki.RootCertificate }.Select(ca => CrlMessages.Verify(bench.Pki.Root.Crl(ca.HashedId8), ca, bench.Now));
        Assert.Contains(crls.SelectMany(c => c.Entries), e => e == ticket.HashedId8 || e == aa.HashedId8);
    }

    [Fact]
    public void Revoked_ec_fails_its_chain_and_the_station_gets_no_new_at()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        var ec = bench.Enrol(station);
        bench.Pki.Revocations.RevokeStation(station.Id, "stolen vehicle");

        Assert.Equal(PkiFailure.CertificateRevoked, Assert.Throws<PkiException>(() => FlowTests.Validator(bench).Validate(ec, bench.Now, true)).Failure);
        Assert.Throws<PkiException>(() => bench.Authorize(station));
        Assert.Equal(PkiFailure.StationRevoked, Assert.Throws<PkiException>(() => bench.Enrol(station)).Failure);
    }

    [Fact]
    public void Implementation_compromise_revokes_every_station_running_it_and_lowers_the_assessment()
    {
        using var bench = new TestBench();
        var serial = bench.AssessIdf(5);
        var affected = new[] { bench.Register("obu-1"), bench.Register("obu-2") };
        var patched = bench.Register("obu-3", new IdfImplementation("Acme", "Guard", "2.1"));
        var other = bench.Register("obu-4", new IdfImplementation("Other", "Shield", "2.0"));
        var tickets = new Dictionary<string, Certificate>();
        foreach (var s in affected.Append(patched).Append(other))
        {
            bench.Enrol(s);
            tickets[s.Id] = bench.Authorize(s).Ticket;
        }

        var done = bench.Pki.Revocations.RevokeImplementation("Acme", "Guard", VersionRange.Parse("2.0"), 2, "IDF bypass found");
        Assert.Contains("2 station(s)", done, StringComparison.Ordinal);

        var validator = FlowTests.Validator(bench);
        foreach (var s in affected)
        {
            Assert.Equal(PkiFailure.CertificateRevoked, Assert.Throws<PkiException>(() => validator.Validate(tickets[s.Id], bench.Now, true)).Failure);
            Assert.Equal(PkiFailure.CertificateRevoked, Assert.Throws<PkiException>(() => validator.Validate(s.Ec!, bench.Now, true)).Failure);
            Assert.Throws<PkiException>(() => bench.Authorize(s));
        }

        validator.Validate(tickets[patched.Id], bench.Now, true);
        validator.Validate(tickets[other.Id], bench.Now, true);
        Assert.Equal((2, AssessmentStatus.Lowered), bench.Pki.Audit.Assessments.Where(a => a.Serial == serial).Select(a => (a.Level, a.Status)).Single());

        // ¶165: a later authorization of a station on a version the assessment still covers yields the lowered level.
        Assert.Equal((byte)2, IntegrityAssurance.Read(bench.Authorize(patched).Ticket.ToBeSigned));

        // After the patch (2.0 → 2.2, recorded by the OEM) the station enrols again and gets the lowered level.
        bench.Pki.Ea.UpdateIdfVersion(affected[0].Id, "2.2");
        bench.Enrol(affected[0]);
        Assert.Equal((byte)2, IntegrityAssurance.Read(bench.Authorize(affected[0]).Ticket.ToBeSigned));
    }

    [Fact]
    public void Withdrawn_assessment_after_a_compromise_yields_no_idf_permission()
    {
        using var bench = new TestBench();
        bench.AssessIdf(5);
        var station = bench.Register("obu-1");
        bench.Enrol(station);
        bench.Pki.Revocations.RevokeImplementation("Acme", "Guard", VersionRange.Parse("1.0..2.0"), null, "design flaw");
        bench.Pki.Ea.UpdateIdfVersion(station.Id, "3.0");
        bench.Enrol(station);
        Assert.Null(IntegrityAssurance.Read(bench.Authorize(station).Ticket.ToBeSigned));
    }

    [Fact]
    public void Model_wide_revocation_with_per_model_aas_covers_every_station_of_the_model()
    {
        using var bench = new TestBench(perModelAa: true);
        bench.AssessIdf(5);
        var v20 = bench.Register("obu-1");
        var v21 = bench.Register("obu-2", new IdfImplementation("Acme", "Guard", "2.1"));
        var other = bench.Register("obu-3", new IdfImplementation("Other", "Shield", "1.0"));
        var oldAa = bench.Pki.AaCertificate(TestBench.Idf.Model)!;
        Assert.NotEqual(oldAa.HashedId8, bench.Pki.AaCertificate("Other/Shield")!.HashedId8);
        var tickets = new Dictionary<string, Certificate>();
        foreach (var s in new[] { v20, v21, other })
        {
            bench.Enrol(s);
            tickets[s.Id] = bench.Authorize(s).Ticket;
        }

        var done = bench.Pki.Revocations.RevokeImplementation("Acme", "Guard", VersionRange.Parse("2.0"), 1, "model key extracted");
        Assert.Contains("revoked and replaced", done, StringComparison.Ordinal);

        // Every AT of the model fails (its AA is on the root CRL), whatever the version; the other model is untouched.
        var validator = FlowTests.Validator(bench);
        Assert.Equal(PkiFailure.CertificateRevoked, Assert.Throws<PkiException>(() => validator.Validate(tickets[v20.Id], bench.Now, true)).Failure);
        Assert.Equal(PkiFailure.CertificateRevoked, Assert.Throws<PkiException>(() => validator.Validate(tickets[v21.Id], bench.Now, true)).Failure);
        validator.Validate(tickets[other.Id], bench.Now, true);

        // The model's new AA serves the unaffected version at the lowered level; the affected version gets nothing.
        var newAa = bench.Pki.AaCertificate(TestBench.Idf.Model)!;
        Assert.NotEqual(oldAa.HashedId8, newAa.HashedId8);
        var renewed = bench.Authorize(v21).Ticket;
        Assert.Equal(newAa.HashedId8, renewed.Issuer.Digest);
        Assert.Equal((byte)1, IntegrityAssurance.Read(renewed.ToBeSigned));
        FlowTests.Validator(bench).Validate(renewed, bench.Now, true);
        Assert.Throws<PkiException>(() => bench.Authorize(v20));
    }

    [Fact]
    public void Per_model_aa_refuses_a_station_of_another_model()
    {
        using var bench = new TestBench(perModelAa: true);
        var station = bench.Register("obu-1");
        bench.Register("obu-2", new IdfImplementation("Other", "Shield", "1.0"));
        bench.Enrol(station);
        var wrongAa = bench.Pki.AaCertificate("Other/Shield")!;
        var key = V2x.Security.Crypto.EcdsaP256SignatureKey.Generate();
        var request = PkiProtocol.Client.StationRequests.Authorization(station.Ec!, station.EcKey, key, bench.Pki.EaCertificate, wrongAa, new PkiProtocol.Client.TicketRequest(),
            bench.Now, out _);
        var before = StateSnapshot.Of(bench);
        var error = Assert.Throws<PkiException>(() => bench.Pki.Aa.ProcessAuthorization(request));
        Assert.Equal(PkiFailure.WrongAuthority, error.Failure);
        Assert.Equal(before, StateSnapshot.Of(bench));
    }

    [Fact]
    public void Crl_message_is_signed_by_its_ca_with_psid_622_and_lists_entries()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        var ec = bench.Enrol(station);
        bench.Pki.Revocations.RevokeCertificate(ec.HashedId8, "lost");
        var ea = bench.Pki.EaCertificate;
        var crl = CrlMessages.Verify(bench.Pki.Root.Crl(ea.HashedId8), ea, bench.Now);
        Assert.Equal([ec.HashedId8], crl.Entries);
        Assert.Equal(bench.Pki.Options.CrlLifetime, crl.NextUpdate.ToTime64().Since(crl.ThisUpdate.ToTime64()));

        // Another CA's key does not verify it; a CRL past nextUpdate is refused.
        Assert.Equal(PkiFailure.UnknownSigner, Assert.Throws<PkiException>(() => CrlMessages.Verify(bench.Pki.Root.Crl(ea.HashedId8), bench.Pki.RootCertificate, bench.Now)).Failure);
        var message = bench.Pki.Root.Crl(ea.HashedId8);
        bench.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(PkiFailure.CertificateExpired, Assert.Throws<PkiException>(() => CrlMessages.Verify(message, ea, bench.Now)).Failure);
        Assert.Equal(PkiPsids.Crl, V2x.Security.Ieee1609Dot2Data.Decode(message).SignedData!.TbsData.HeaderInfo.Psid);
    }
}
