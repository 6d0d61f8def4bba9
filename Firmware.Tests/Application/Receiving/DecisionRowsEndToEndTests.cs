using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// Every row of the decision table (Docs/trust-decisions.md) reached through the whole receive pipeline: a
/// station signs a real frame with its ticket (IDF assurance or none) and its report (or none); the receiver
/// verifies it stage by stage and decides. Legacy senders (rows 6) take the conventional path.
/// </summary>
public sealed class DecisionRowsEndToEndTests
{
    private static readonly TestAuthority Authority = new("rows.test");

    // name, ticket's IDF assurance (null: no permission), report level (null: no report), DENM (else CAM), row, decision
    public static TheoryData<string, int?, IntegrityLevel?, bool, DecisionRow, TrustDecision> Rows => new()
    {
        { "1: assured CAM, no anomaly", 5, IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.Act },
        { "1: assured DENM, no anomaly", 3, IntegrityLevel.NoAnomaly, true, DecisionRow.AssuredNoAnomaly, TrustDecision.Act },
        { "2: assured DENM, anomaly", 5, IntegrityLevel.Anomaly, true, DecisionRow.AssuredAnomaly, TrustDecision.ActWithCaution },
        { "3: assured CAM, high anomaly", 5, IntegrityLevel.HighAnomaly, false, DecisionRow.AssuredHighAnomaly, TrustDecision.PrepareOnly },
        { "4: assured DENM, compromised", 7, IntegrityLevel.Compromised, true, DecisionRow.AssuredCompromised, TrustDecision.Discard },
        { "5: assured CAM without report (option 3)", 5, null, false, DecisionRow.AssuredReportNotCarried, TrustDecision.ActWithCaution },
        { "6: legacy CAM (conventional path)", null, null, false, DecisionRow.Conventional, TrustDecision.ActWithCaution },
        { "6: legacy DENM (conventional path)", null, null, true, DecisionRow.Conventional, TrustDecision.ActWithCaution },
        { "7: report without the permission", null, IntegrityLevel.NoAnomaly, true, DecisionRow.ReportWithoutPermission, TrustDecision.PrepareOnly },
        { "8: permission, DENM without report: no better than a compromised report", 5, null, true, DecisionRow.PermissionWithoutReport, TrustDecision.Discard },
        { "9: assurance below the minimum", 1, IntegrityLevel.NoAnomaly, false, DecisionRow.AssuranceBelowMinimum, TrustDecision.PrepareOnly },
        { "9: assurance below the minimum, compromised", 2, IntegrityLevel.Compromised, true, DecisionRow.AssuranceBelowMinimum, TrustDecision.Discard },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_verified_frame_is_decided_by_its_row(string name, int? assurance, IntegrityLevel? level, bool denm, DecisionRow row, TrustDecision decision)
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority, (byte?)assurance);
        var now = receiver.Now;
        var report = level is { } l ? TestStation.Report(l, 42, now) : null;
        var frame = denm ? station.Denm(now, SignerChoice.Certificate, report) : station.Cam(now, SignerChoice.Certificate, report);

        var result = receiver.Process(frame);

        Assert.True(result.IsAccepted, $"{name}: {result.Stage} {result.Reason} {result.Detail}");
        Assert.Equal(row, result.Row);
        Assert.Equal(decision, result.Decision);
        Assert.Equal(station.Digest, result.Signer);
        Assert.Equal(assurance is null ? null : (byte?)assurance, result.Assurance);
        Assert.Equal(level, result.ReportLevel);
        Assert.NotNull(result.Frame);

        // Logged and fed: the decision is in the recent feed and was raised once.
        Assert.Single(receiver.Decided);
        Assert.Contains(receiver.Pipeline.Recent.Snapshot(), r => ReferenceEquals(r, result));
    }

    // Row 10: an assured sender whose "no anomaly" covers too little (here the Linux starting policy's
    // memory and tamper classes, and seven classes without the integrity check) never earns act.
    public static TheoryData<string, DetectorFlags, bool> CoverageRows => new()
    {
        { "10: assured DENM, no anomaly, memory and tamper evaluated", DetectorFlags.Memory | DetectorFlags.HsmTamper, true },
        { "10: assured CAM, no anomaly, all but the integrity check", TestStation.FullCoverage & ~DetectorFlags.IntegrityCheck, false },
    };

    [Theory]
    [MemberData(nameof(CoverageRows))]
    public void A_clean_report_that_covers_too_little_is_not_acted_on(string name, DetectorFlags coverage, bool denm)
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority, 5);
        var report = TestStation.Report(IntegrityLevel.NoAnomaly, 7, receiver.Now, coverage: coverage);
        var frame = denm ? station.Denm(receiver.Now, SignerChoice.Certificate, report) : station.Cam(receiver.Now, SignerChoice.Certificate, report);

        var result = receiver.Process(frame);

        Assert.True(result.IsAccepted, $"{name}: {result.Stage} {result.Reason} {result.Detail}");
        Assert.Equal(DecisionRow.AssuredNoAnomalyInsufficientCoverage, result.Row);
        Assert.Equal(TrustDecision.ActWithCaution, result.Decision);
    }

    [Fact]
    public void Every_row_is_reached_end_to_end()
    {
        var covered = Rows.Select(r => (DecisionRow)r[4]).Append(DecisionRow.AssuredNoAnomalyInsufficientCoverage).ToHashSet();
        Assert.Equal(Enum.GetValues<DecisionRow>().ToHashSet(), covered);
    }

    [Fact]
    public void Legacy_senders_stay_on_the_conventional_path_message_after_message()
    {
        using var receiver = new TestReceiver(Authority);
        var legacy = new TestStation(Authority, assurance: null);
        var results = new List<ReceiveResult>();
        for (var i = 0; i < 5; i++)
        {
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
            results.Add(receiver.Process(legacy.Cam(receiver.Now, i == 0 ? SignerChoice.Certificate : SignerChoice.Digest, null)));
        }

        Assert.All(results, r => Assert.True(r.IsAccepted && r.Row == DecisionRow.Conventional && r.Decision == TrustDecision.ActWithCaution, r.Detail));
        Assert.Null(results[0].Assurance);
    }
}
