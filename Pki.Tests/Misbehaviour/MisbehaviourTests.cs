using Pki.Tests.Authorities;
using PkiProtocol;
using PkiProtocol.Audit;
using PkiProtocol.Client;
using PkiProtocol.Messages;
using PkiProtocol.Misbehaviour;
using V2x;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Pki.Tests.Misbehaviour;

/// <summary>The misbehaviour authority: report format vectors, actions, and refusals that change nothing.</summary>
public sealed class MisbehaviourTests
{
    [Fact]
    public void Report_encoding_matches_its_documented_layout()
    {
        var report = new MisbehaviourReport
        {
            GenerationTime = new Time64(0x00027c25ac9c9b40),
            Kind = MisbehaviourKind.IncidentFinding,
            Subject = new HashedId8(0x0102030405060708),
            Evidence = "ab"u8.ToArray(),
        };

        // Preamble 0x40: extension bit 0, subject present, implementation and lowerAssessmentTo absent (X.696 §16);
        // version 01; generationTime Time64; kind 01 (§11); subject HashedId8; evidence 02 61 62 (§14).
        Assert.Equal("40 01 00027c25ac9c9b40 01 0102030405060708 02 6162".Replace(" ", string.Empty, StringComparison.Ordinal), Hex.Of(report.ToBytes()));
        Assert.Equal(report.ToBytes(), MisbehaviourReport.Decode(report.ToBytes()).ToBytes());

        var compromise = new MisbehaviourReport
        {
            GenerationTime = new Time64(1),
            Kind = MisbehaviourKind.ImplementationCompromise,
            Implementation = ("Acme", "Guard", VersionRange.Parse("2.0..2.1")),
            LowerAssessmentTo = 1,
        };

        // Preamble 0x30 (implementation and lowerAssessmentTo present); the four UTF8Strings; level 01; empty evidence 00.
        Assert.Equal("30 01 0000000000000001 02 0441636d65 054775617264 03322e30 03322e31 01 00".Replace(" ", string.Empty, StringComparison.Ordinal),
            Hex.Of(compromise.ToBytes()));
    }

    public static TheoryData<string, string, string> ReportFailRows => new()
    {
        { "finding without subject", "00 01 0000000000000001 01 00", "names a subject" },
        { "compromise report with a subject", "40 01 0000000000000001 02 0102030405060708 00", "does not name a subject" },
        { "version 2", "40 02 0000000000000001 01 0102030405060708 00", "report version" },
        { "unknown kind", "40 01 0000000000000001 09 0102030405060708 00", "undefined enumeration" },
        { "level 9", "30 01 0000000000000001 02 0441636d65 054775617264 03322e30 03322e31 09 00", "outside 0..7" },
        { "empty range", "30 01 0000000000000001 02 0441636d65 054775617264 03322e31 03322e30 01 00", "empty" },
        { "truncated", "40 01 00000000", "truncated" },
    };

    [Theory]
    [MemberData(nameof(ReportFailRows))]
    public void Malformed_report_is_one_decode_exception(string name, string hex, string reasonPart)
    {
        var error = Assert.Throws<DecodeException>(() => MisbehaviourReport.Decode(Hex.Parse(hex)));
        Assert.True(error.Reason.Contains(reasonPart, StringComparison.OrdinalIgnoreCase), $"{name}: {error.Reason}");
    }

    [Fact]
    public void Self_reported_idf_compromise_revokes_the_reporting_station_only()
    {
        using var bench = new TestBench();
        var victim = bench.Register("obu-1");
        var bystander = bench.Register("obu-2");
        bench.Enrol(victim);
        bench.Enrol(bystander);
        var (ticket, key) = bench.Authorize(victim);
        var spare = bench.Authorize(victim).Ticket;
        var (otherTicket, _) = bench.Authorize(bystander);

        var done = bench.Pki.Ma.ProcessReport(Report(bench, ticket, key, new MisbehaviourReport { GenerationTime = bench.Now, Kind = MisbehaviourKind.IdfCompromise }));
        Assert.Contains("obu-1 revoked", done, StringComparison.Ordinal);
        Assert.Contains("2 AT(s)", done, StringComparison.Ordinal);

        var validator = FlowTests.Validator(bench);
        Assert.Throws<PkiException>(() => validator.Validate(spare, bench.Now, true));
        validator.Validate(otherTicket, bench.Now, true);
        Assert.Throws<PkiException>(() => bench.Authorize(victim));
        Assert.Single(bench.Pki.Context.Store.GetReports());
    }

    [Fact]
    public void Investigator_finding_revokes_the_station_behind_the_subject_at()
    {
        using var bench = new TestBench();
        var investigator = bench.Register("lab-1", investigator: true);
        var suspect = bench.Register("obu-9");
        bench.Enrol(investigator);
        bench.Enrol(suspect);
        var (labTicket, labKey) = bench.Authorize(investigator);
        var suspectTicket = bench.Authorize(suspect).Ticket;

        var done = bench.Pki.Ma.ProcessReport(Report(bench, labTicket, labKey,
            new MisbehaviourReport { GenerationTime = bench.Now, Kind = MisbehaviourKind.IncidentFinding, Subject = suspectTicket.HashedId8 }));
        Assert.Contains("obu-9 revoked", done, StringComparison.Ordinal);
        Assert.NotNull(bench.Pki.Context.Store.GetStation("obu-9")!.BlockedAt);
        Assert.Null(bench.Pki.Context.Store.GetStation("lab-1")!.BlockedAt);
    }

    [Fact]
    public void Investigator_implementation_compromise_revokes_the_model_and_lowers_the_assessment()
    {
        using var bench = new TestBench();
        bench.AssessIdf(6);
        var investigator = bench.Register("lab-1", new IdfImplementation("Lab", "Probe", "1.0"), investigator: true);
        var target = bench.Register("obu-1");
        bench.Enrol(investigator);
        bench.Enrol(target);
        var (labTicket, labKey) = bench.Authorize(investigator);

        var done = bench.Pki.Ma.ProcessReport(Report(bench, labTicket, labKey, new MisbehaviourReport
        {
            GenerationTime = bench.Now,
            Kind = MisbehaviourKind.ImplementationCompromise,
            Implementation = ("Acme", "Guard", VersionRange.Parse("2.0")),
            LowerAssessmentTo = 3,
        }));
        Assert.Contains("1 station(s)", done, StringComparison.Ordinal);
        Assert.Equal((byte)3, bench.Pki.Audit.Assessments.Single().Level);
        Assert.Single(bench.Pki.Context.Store.GetCompromises());
    }

    public static TheoryData<string, Func<TestBench, byte[]>, PkiFailure> RefusedReportRows => new()
    {
        { "finding by an ordinary station", b => OrdinaryFinding(b), PkiFailure.DeniedPermissions },
        { "signed by a revoked AT", b => RevokedReporter(b), PkiFailure.CertificateRevoked },
        { "signed by an AT of another PKI", b => ForeignReporter(b), PkiFailure.UnknownSigner },
        { "unknown AT digest", b => DigestOnly(b), PkiFailure.UnknownSigner },
        { "signature altered", b => { var r = OrdinaryObservation(b); r[^1] ^= 1; return r; }, PkiFailure.BadSignature },
        { "wrong PSID", b => WrongPsid(b), PkiFailure.WrongContent },
        { "malformed payload", b => BadPayload(b), PkiFailure.Malformed },
        { "not OER at all", _ => [0x13, 0x37], PkiFailure.Malformed },
    };

    [Theory]
    [MemberData(nameof(RefusedReportRows))]
    public void Refused_report_changes_nothing(string name, Func<TestBench, byte[]> make, PkiFailure failure)
    {
        using var bench = new TestBench();
        bench.AssessIdf(5);
        var message = make(bench);
        var before = StateSnapshot.Of(bench);
        var error = Assert.Throws<PkiException>(() => bench.Pki.Ma.ProcessReport(message));
        Assert.True(failure == error.Failure, $"{name}: {error.Message}");
        Assert.Equal(before, StateSnapshot.Of(bench));
    }

    [Fact]
    public void Observation_is_recorded_without_action()
    {
        using var bench = new TestBench();
        var message = OrdinaryObservation(bench);
        var done = bench.Pki.Ma.ProcessReport(message);
        Assert.Contains("recorded", done, StringComparison.Ordinal);
        Assert.All(bench.Pki.Context.Store.GetStations(), s => Assert.Null(s.BlockedAt));
        Assert.Equal(MisbehaviourKind.Observation, bench.Pki.Context.Store.GetReports().Single().Kind);
    }

    internal static byte[] Report(TestBench bench, V2x.Security.Certificates.Certificate ticket, ISignatureKey key, MisbehaviourReport report) =>
        StationRequests.Report(report, ticket, key);

    private static (V2x.Security.Certificates.Certificate Ticket, EcdsaP256SignatureKey Key) Reporter(TestBench b, string id = "obu-r")
    {
        var station = b.Register(id);
        b.Enrol(station);
        return b.Authorize(station);
    }

    private static MisbehaviourReport Observation(TestBench b) =>
        new() { GenerationTime = b.Now, Kind = MisbehaviourKind.Observation, Subject = new HashedId8(7) };

    private static byte[] OrdinaryObservation(TestBench b)
    {
        var (t, k) = Reporter(b);
        return Report(b, t, k, Observation(b));
    }

    private static byte[] OrdinaryFinding(TestBench b)
    {
        var (t, k) = Reporter(b);
        var (victim, _) = Reporter(b, "obu-v");
        return Report(b, t, k, new MisbehaviourReport { GenerationTime = b.Now, Kind = MisbehaviourKind.IncidentFinding, Subject = victim.HashedId8 });
    }

    private static byte[] RevokedReporter(TestBench b)
    {
        var (t, k) = Reporter(b);
        b.Pki.Revocations.RevokeCertificate(t.HashedId8, "test");
        return Report(b, t, k, Observation(b));
    }

    private static byte[] ForeignReporter(TestBench b)
    {
        using var other = new TestBench();
        var station = other.Register("foreign");
        other.Enrol(station);
        var (t, k) = other.Authorize(station);
        return Report(b, t, k, Observation(b));
    }

    private static byte[] DigestOnly(TestBench b)
    {
        using var other = new TestBench();
        var station = other.Register("foreign");
        other.Enrol(station);
        var (t, k) = other.Authorize(station);
        return new SpduSigner(k, t).SignPayload(Observation(b).ToBytes(), new HeaderInfo { Psid = PkiPsids.MisbehaviourReport, GenerationTime = b.Now }, SignerChoice.Digest);
    }

    private static byte[] WrongPsid(TestBench b)
    {
        var (t, k) = Reporter(b);
        return new SpduSigner(k, t).SignPayload(Observation(b).ToBytes(), new HeaderInfo { Psid = Psid.Cam, GenerationTime = b.Now }, SignerChoice.Certificate);
    }

    private static byte[] BadPayload(TestBench b)
    {
        var (t, k) = Reporter(b);
        return new SpduSigner(k, t).SignPayload([0x40, 0x01], new HeaderInfo { Psid = PkiPsids.MisbehaviourReport, GenerationTime = b.Now }, SignerChoice.Certificate);
    }
}
