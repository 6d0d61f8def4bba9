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
        { "signature altered", b => AlteredSignature(b), PkiFailure.BadSignature },
        { "wrong PSID", b => WrongPsid(b), PkiFailure.WrongContent },
        { "malformed payload", b => BadPayload(b), PkiFailure.Malformed },
        { "not OER at all", _ => [0x13, 0x37], PkiFailure.Malformed },
        { "not encrypted for the authority", b => { var (t, k) = Reporter(b); return StationRequests.Report(Anomaly(b), t, k); }, PkiFailure.WrongContent },
        { "encrypted for another recipient", b => EncryptedForAnother(b), PkiFailure.Undecryptable },
        { "older than a day (a queue held it too long)", b => Stale(b), PkiFailure.OutOfSync },
        { "observation without TS 103 759 evidence", b => OrdinaryObservation(b), PkiFailure.Malformed },
        { "observation whose evidence another ticket signed", b => ForgedEvidence(b), PkiFailure.UnknownSigner },
        { "observation about the reporter's own ticket", b => AboutItself(b), PkiFailure.WrongContent },
        { "anomaly report carrying 'no anomaly'", b => { var (t, k) = Reporter(b); return Report(b, t, k, Anomaly(b, V2x.Integrity.IntegrityLevel.NoAnomaly)); }, PkiFailure.WrongContent },
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
    public void Observation_below_the_threshold_is_counted_without_action()
    {
        using var bench = new TestBench();
        var suspect = Subject(bench, "obu-s");
        var (t, k) = Reporter(bench);
        var done = bench.Pki.Ma.ProcessReport(Report(bench, t, k, MbrForge.Observation(bench, suspect, MbrObservation.PositionChangeTooLarge)));
        Assert.Contains("counted; 1 of 3 reporting stations", done, StringComparison.Ordinal);
        Assert.All(bench.Pki.Context.Store.GetStations(), s => Assert.Null(s.BlockedAt));
        Assert.Equal(MisbehaviourKind.Observation, bench.Pki.Context.Store.GetReports().Single().Kind);
        Assert.Equal("obu-s", bench.Pki.Context.Store.GetObservations().Single().SubjectStation);
    }

    [Fact]
    public void Own_anomaly_report_is_counted_for_the_station_and_its_implementation()
    {
        using var bench = new TestBench();
        var (t, k) = Reporter(bench);
        var done = bench.Pki.Ma.ProcessReport(Report(bench, t, k, Anomaly(bench)));
        Assert.Contains("IDF anomaly (HighAnomaly", done, StringComparison.Ordinal);
        var counted = bench.Pki.Context.Store.GetObservations().Single();
        Assert.Equal((MisbehaviourKind.IdfAnomaly, "obu-r", TestBench.Idf), (counted.Kind, counted.SubjectStation, counted.Implementation));
        Assert.Null(bench.Pki.Context.Store.GetStation("obu-r")!.BlockedAt);
    }

    /// <summary>A report signed by an AT, encrypted for the misbehaviour authority's certificate (certRecipInfo), as stations send it.</summary>
    internal static byte[] Report(TestBench bench, V2x.Security.Certificates.Certificate ticket, ISignatureKey key, MisbehaviourReport report) =>
        V2x.Security.Encryption.SpduEncryptor.EncryptForCertificate(StationRequests.Report(report, ticket, key), bench.Pki.MaCertificate, out _);

    internal static MisbehaviourReport Anomaly(TestBench b, V2x.Integrity.IntegrityLevel level = V2x.Integrity.IntegrityLevel.HighAnomaly) => new()
    {
        GenerationTime = b.Now,
        Kind = MisbehaviourKind.IdfAnomaly,
        Evidence = new V2x.Integrity.IntegrityReport(level, level == V2x.Integrity.IntegrityLevel.NoAnomaly ? V2x.Integrity.DetectorFlags.None
            : V2x.Integrity.DetectorFlags.Process, 1, 2, b.Now).Encode(),
    };

    private static MbrForge.Subject Subject(TestBench b, string id)
    {
        var station = b.Register(id);
        b.Enrol(station);
        var (ticket, key) = b.Authorize(station);
        return new MbrForge.Subject(ticket, key);
    }

    private static byte[] EncryptedForAnother(TestBench b)
    {
        var (t, k) = Reporter(b);
        return V2x.Security.Encryption.SpduEncryptor.EncryptForCertificate(StationRequests.Report(Anomaly(b), t, k), b.Pki.EaCertificate, out _);
    }

    private static byte[] Stale(TestBench b)
    {
        var (t, k) = Reporter(b);
        var report = Anomaly(b) with { GenerationTime = b.Now.Add(TimeSpan.FromHours(-25)) };
        return Report(b, t, k, report);
    }

    private static byte[] ForgedEvidence(TestBench b)
    {
        var suspect = Subject(b, "obu-s");
        var (t, k) = Reporter(b);

        // The report names the suspect's ticket, but its evidence is the reporter's own messages.
        var forged = MbrForge.Observation(b, new MbrForge.Subject(t, k), MbrObservation.SpeedValueTooLarge, about: suspect.Ticket.HashedId8);
        return Report(b, t, k, forged);
    }

    private static byte[] AboutItself(TestBench b)
    {
        var station = b.Register("obu-self");
        b.Enrol(station);
        var (t, k) = b.Authorize(station);
        var (t2, k2) = b.Authorize(station);
        return Report(b, t2, k2, MbrForge.Observation(b, new MbrForge.Subject(t, k), MbrObservation.BeaconIntervalTooSmall));
    }

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
        return Encrypt(b, new SpduSigner(k, t).SignPayload(Observation(b).ToBytes(), new HeaderInfo { Psid = PkiPsids.MisbehaviourReport, GenerationTime = b.Now }, SignerChoice.Digest));
    }

    private static byte[] WrongPsid(TestBench b)
    {
        var (t, k) = Reporter(b);
        return Encrypt(b, new SpduSigner(k, t).SignPayload(Observation(b).ToBytes(), new HeaderInfo { Psid = Psid.Cam, GenerationTime = b.Now }, SignerChoice.Certificate));
    }

    private static byte[] BadPayload(TestBench b)
    {
        var (t, k) = Reporter(b);
        return Encrypt(b, new SpduSigner(k, t).SignPayload([0x40, 0x01], new HeaderInfo { Psid = PkiPsids.MisbehaviourReport, GenerationTime = b.Now }, SignerChoice.Certificate));
    }

    private static byte[] AlteredSignature(TestBench b)
    {
        var (t, k) = Reporter(b);
        var signed = StationRequests.Report(Anomaly(b), t, k);
        signed[^1] ^= 1;
        return Encrypt(b, signed);
    }

    private static byte[] Encrypt(TestBench b, byte[] signed) => V2x.Security.Encryption.SpduEncryptor.EncryptForCertificate(signed, b.Pki.MaCertificate, out _);
}
