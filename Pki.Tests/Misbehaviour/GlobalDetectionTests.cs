using Pki.Authorities;
using Pki.Tests.Authorities;
using Pki.Store;
using PkiProtocol.Audit;
using PkiProtocol.Misbehaviour;

namespace Pki.Tests.Misbehaviour;

/// <summary>
/// The misbehaviour authority's global detection (Docs/misbehaviour.md): counts per subject station and per IDF
/// implementation version with thresholds and windows, a revocation request above them, carried out through the
/// existing revocation path (CRLs) at once or after an investigator's confirmation.
/// </summary>
public sealed class GlobalDetectionTests
{
    public static TheoryData<string, string[], bool> StationRows => new()
    {
        { "two reporting stations: below the threshold of three", ["r1", "r2"], false },
        { "three reporting stations: the station is revoked", ["r1", "r2", "r3"], true },
        { "one station with three pseudonyms counts once", ["r1", "r1", "r1"], false },
        { "two stations, one of them twice: still two", ["r1", "r2", "r2"], false },
        { "four reporting stations: revoked once", ["r1", "r2", "r3", "r4"], true },
    };

    [Theory]
    [MemberData(nameof(StationRows))]
    public void A_station_is_revoked_when_enough_distinct_stations_report_its_tickets(string name, string[] reporters, bool revoked)
    {
        using var bench = new TestBench();
        var fleet = new Fleet(bench);
        var suspect = fleet.Ticket("ghost");
        var spare = fleet.Ticket("ghost");
        foreach (var reporter in reporters)
        {
            // Every report is signed by a fresh pseudonym (AT) of its station.
            fleet.Report(suspect, reporter);
        }

        Assert.True(revoked == bench.Pki.Context.Store.GetStation("ghost")!.BlockedAt.HasValue, name);
        var validator = FlowTests.Validator(bench);
        if (revoked)
        {
            // The existing revocation path: the ghost's tickets (the reported one and its spare) fail their chain on the AA CRL.
            Assert.Throws<PkiProtocol.PkiException>(() => { validator.Validate(suspect.Ticket, bench.Now, true); });
            Assert.Throws<PkiProtocol.PkiException>(() => { validator.Validate(spare.Ticket, bench.Now, true); });
            var request = Assert.Single(bench.Pki.Ma.Detection.Requests);
            Assert.Equal((RevocationScope.Station, "ghost", RevocationRequestState.Done), (request.Scope, request.Target, request.State));
        }
        else
        {
            validator.Validate(suspect.Ticket, bench.Now, true);
            Assert.Empty(bench.Pki.Ma.Detection.Requests);
        }
    }

    [Fact]
    public void The_same_report_sent_twice_counts_once()
    {
        using var bench = new TestBench();
        var fleet = new Fleet(bench);
        var suspect = fleet.Ticket("ghost");
        var reporter = fleet.Ticket("r1");
        var signed = PkiProtocol.Client.StationRequests.Report(MbrForge.Observation(bench, suspect, MbrObservation.PositionChangeTooLarge), reporter.Ticket,
            reporter.Key);

        // Encrypted again (another data key), the signed report is the same: counted once.
        bench.Pki.Ma.ProcessReport(V2x.Security.Encryption.SpduEncryptor.EncryptForCertificate(signed, bench.Pki.MaCertificate, out _));
        var again = bench.Pki.Ma.ProcessReport(V2x.Security.Encryption.SpduEncryptor.EncryptForCertificate(signed, bench.Pki.MaCertificate, out _));
        Assert.Contains("already counted", again, StringComparison.Ordinal);
        Assert.Single(bench.Pki.Context.Store.GetObservations());
    }

    [Fact]
    public void Reports_older_than_the_window_do_not_count()
    {
        using var bench = new TestBench();
        var fleet = new Fleet(bench);
        var suspect = fleet.Ticket("ghost");
        fleet.Report(suspect, "r1");
        fleet.Report(suspect, "r2");
        bench.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Contains("1 of 3 reporting stations", fleet.Report(suspect, "r3"), StringComparison.Ordinal);
        Assert.Null(bench.Pki.Context.Store.GetStation("ghost")!.BlockedAt);
    }

    [Fact]
    public void With_confirmation_the_request_waits_for_an_investigator_then_revokes()
    {
        using var bench = new TestBench(options: new PkiOptions { ConfirmRevocations = true });
        var fleet = new Fleet(bench);
        var suspect = fleet.Ticket("ghost");
        fleet.Report(suspect, "r1");
        fleet.Report(suspect, "r2");
        Assert.Contains("waiting for an investigator", fleet.Report(suspect, "r3"), StringComparison.Ordinal);
        Assert.Null(bench.Pki.Context.Store.GetStation("ghost")!.BlockedAt);
        var request = Assert.Single(bench.Pki.Ma.Detection.Requests);
        Assert.Equal(RevocationRequestState.Pending, request.State);

        // A fourth report does not ask again while the request waits.
        Assert.Contains("already requested", fleet.Report(suspect, "r4"), StringComparison.Ordinal);

        Assert.Contains("ghost revoked", bench.Pki.Ma.Detection.Confirm(request.Id), StringComparison.Ordinal);
        Assert.NotNull(bench.Pki.Context.Store.GetStation("ghost")!.BlockedAt);
        Assert.Equal(RevocationRequestState.Done, bench.Pki.Ma.Detection.Requests.Single().State);
        Assert.Throws<ArgumentException>(() => bench.Pki.Ma.Detection.Confirm(request.Id));
    }

    [Fact]
    public void A_declined_request_revokes_nothing()
    {
        using var bench = new TestBench(options: new PkiOptions { ConfirmRevocations = true });
        var fleet = new Fleet(bench);
        var suspect = fleet.Ticket("ghost");
        foreach (var r in new[] { "r1", "r2", "r3" })
        {
            fleet.Report(suspect, r);
        }

        var request = bench.Pki.Ma.Detection.Requests.Single();
        Assert.Contains("declined", bench.Pki.Ma.Detection.Decline(request.Id, "a tunnel exit, not a ghost"), StringComparison.Ordinal);
        Assert.Null(bench.Pki.Context.Store.GetStation("ghost")!.BlockedAt);
        Assert.Equal(RevocationRequestState.Declined, bench.Pki.Ma.Detection.Requests.Single().State);
    }

    [Fact]
    public void Enough_flagged_stations_of_one_implementation_revoke_the_model()
    {
        using var bench = new TestBench();
        bench.AssessIdf(5);
        var weak = new IdfImplementation("Acme", "Guard", "2.0");
        var other = new IdfImplementation("Other", "Idf", "1.0");
        var fleet = new Fleet(bench);

        // Two stations of the version report their own anomalies, one is revoked by observations: three flagged.
        foreach (var id in new[] { "a1", "a2" })
        {
            var own = fleet.Ticket(id, weak);
            bench.Pki.Ma.ProcessReport(MisbehaviourTests.Report(bench, own.Ticket, own.Key, MisbehaviourTests.Anomaly(bench)));
        }

        var bystander = fleet.Ticket("b1", other);
        var ghost = fleet.Ticket("a3", weak);
        fleet.Report(ghost, "r1", other);
        fleet.Report(ghost, "r2", other);
        Assert.Empty(bench.Pki.Ma.Detection.Requests);
        Assert.Contains("Acme/Guard 2.0 compromised", fleet.Report(ghost, "r3", other), StringComparison.Ordinal);

        var requests = bench.Pki.Ma.Detection.Requests;
        Assert.Equal([(RevocationScope.Station, "a3"), (RevocationScope.Implementation, "Acme/Guard@2.0")], requests.Select(r => (r.Scope, r.Target)));
        Assert.Single(bench.Pki.Context.Store.GetCompromises());
        Assert.Equal(global::Pki.Audit.AssessmentStatus.Withdrawn, bench.Pki.Audit.Assessments.Single().Status);
        Assert.All(new[] { "a1", "a2", "a3" }, id => Assert.NotNull(bench.Pki.Ea.RevocationReason(bench.Pki.Context.Store.GetStation(id)!)));
        Assert.Null(bench.Pki.Ea.RevocationReason(bench.Pki.Context.Store.GetStation("b1")!));
        FlowTests.Validator(bench).Validate(bystander.Ticket, bench.Now, true);
    }

    // The stations of one test: registered and enrolled once, a fresh ticket (pseudonym) per call.
    private sealed class Fleet(TestBench bench)
    {
        private readonly Dictionary<string, Station> _stations = new(StringComparer.Ordinal);

        public MbrForge.Subject Ticket(string id, IdfImplementation? idf = null)
        {
            if (!_stations.TryGetValue(id, out var station))
            {
                station = bench.Register(id, idf);
                bench.Enrol(station);
                _stations[id] = station;
            }

            var (ticket, key) = bench.Authorize(station);
            return new MbrForge.Subject(ticket, key);
        }

        public string Report(MbrForge.Subject suspect, string reporter, IdfImplementation? idf = null)
        {
            var own = Ticket(reporter, idf);
            return bench.Pki.Ma.ProcessReport(MisbehaviourTests.Report(bench, own.Ticket, own.Key,
                MbrForge.Observation(bench, suspect, MbrObservation.PositionChangeTooLarge)));
        }
    }
}
