using Firmware.Application.Decisions;
using V2x.Integrity;
using V2x.Security;
using V2x.Time;

namespace Firmware.Tests.Application.Decisions;

/// <summary>Every row of the decision table of Docs/trust-decisions.md, with the default policy and with a stricter one.</summary>
public sealed class DecisionTableTests
{
    // name, IDF assurance (null: no permission), report level (null: no report), DENM (else CAM), row, decision
    public static TheoryData<string, int?, IntegrityLevel?, bool, DecisionRow, TrustDecision> DefaultRows => new()
    {
        { "1: assured, no anomaly", 5, IntegrityLevel.NoAnomaly, true, DecisionRow.AssuredNoAnomaly, TrustDecision.Act },
        { "1: assured exactly at the minimum", 3, IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.Act },
        { "2: assured, anomaly", 5, IntegrityLevel.Anomaly, true, DecisionRow.AssuredAnomaly, TrustDecision.ActWithCaution },
        { "3: assured, high anomaly", 5, IntegrityLevel.HighAnomaly, true, DecisionRow.AssuredHighAnomaly, TrustDecision.PrepareOnly },
        { "4: assured, compromised", 7, IntegrityLevel.Compromised, false, DecisionRow.AssuredCompromised, TrustDecision.Discard },
        { "5: assured, no report in a CAM (option 3)", 5, null, false, DecisionRow.AssuredReportNotCarried, TrustDecision.ActWithCaution },
        { "6: legacy CAM", null, null, false, DecisionRow.Conventional, TrustDecision.ActWithCaution },
        { "6: legacy DENM", null, null, true, DecisionRow.Conventional, TrustDecision.ActWithCaution },
        { "7: report without permission, clean", null, IntegrityLevel.NoAnomaly, false, DecisionRow.ReportWithoutPermission, TrustDecision.PrepareOnly },
        { "7: report without permission, compromised", null, IntegrityLevel.Compromised, true, DecisionRow.ReportWithoutPermission, TrustDecision.Discard },
        { "8: permission without report in a DENM", 5, null, true, DecisionRow.PermissionWithoutReport, TrustDecision.PrepareOnly },
        { "9: assurance below the minimum, clean", 2, IntegrityLevel.NoAnomaly, true, DecisionRow.AssuranceBelowMinimum, TrustDecision.PrepareOnly },
        { "9: assurance below the minimum, compromised", 2, IntegrityLevel.Compromised, true, DecisionRow.AssuranceBelowMinimum, TrustDecision.Discard },
        { "9: assurance level 0 (none), no report", 0, null, false, DecisionRow.AssuranceBelowMinimum, TrustDecision.PrepareOnly },
    };

    [Theory]
    [MemberData(nameof(DefaultRows))]
    public void Each_row_decides_as_the_document_says(string name, int? assurance, IntegrityLevel? level, bool denm, DecisionRow row, TrustDecision decision)
    {
        var outcome = DecisionTable.Decide((byte?)assurance, Report(level), denm ? Psid.Denm : Psid.Cam, new DecisionPolicy());
        Assert.True(new DecisionOutcome(row, decision) == outcome, $"{name}: {outcome}");
    }

    private const DetectorFlags All = DetectorFlags.SecurityPolicy | DetectorFlags.Memory | DetectorFlags.Network | DetectorFlags.Process
        | DetectorFlags.TaskManager | DetectorFlags.Crash | DetectorFlags.IntegrityCheck | DetectorFlags.HsmTamper;

    // Row 10 (Docs/trust-decisions.md): an assured sender's "no anomaly" counts only for the classes it evaluated.
    // name, coverage, report level, row, decision (default policy: integrity check, memory and process required, at least 6 classes)
    public static TheoryData<string, DetectorFlags, IntegrityLevel, DecisionRow, TrustDecision> CoverageRows => new()
    {
        { "1: all eight classes evaluated", All, IntegrityLevel.NoAnomaly, DecisionRow.AssuredNoAnomaly, TrustDecision.Act },
        { "1: exactly six classes, the three required among them", All & ~(DetectorFlags.HsmTamper | DetectorFlags.TaskManager), IntegrityLevel.NoAnomaly, DecisionRow.AssuredNoAnomaly, TrustDecision.Act },
        { "10: integrity check not evaluated (seven classes)", All & ~DetectorFlags.IntegrityCheck, IntegrityLevel.NoAnomaly, DecisionRow.AssuredNoAnomalyInsufficientCoverage, TrustDecision.ActWithCaution },
        { "10: memory not evaluated (seven classes)", All & ~DetectorFlags.Memory, IntegrityLevel.NoAnomaly, DecisionRow.AssuredNoAnomalyInsufficientCoverage, TrustDecision.ActWithCaution },
        { "10: process not evaluated (seven classes)", All & ~DetectorFlags.Process, IntegrityLevel.NoAnomaly, DecisionRow.AssuredNoAnomalyInsufficientCoverage, TrustDecision.ActWithCaution },
        { "10: the required three but five classes in all", DetectorFlags.IntegrityCheck | DetectorFlags.Memory | DetectorFlags.Process | DetectorFlags.Network | DetectorFlags.Crash,
            IntegrityLevel.NoAnomaly, DecisionRow.AssuredNoAnomalyInsufficientCoverage, TrustDecision.ActWithCaution },
        { "10: the Linux starting policy (memory and tamper only)", DetectorFlags.Memory | DetectorFlags.HsmTamper, IntegrityLevel.NoAnomaly, DecisionRow.AssuredNoAnomalyInsufficientCoverage, TrustDecision.ActWithCaution },
        { "10: nothing evaluated", DetectorFlags.None, IntegrityLevel.NoAnomaly, DecisionRow.AssuredNoAnomalyInsufficientCoverage, TrustDecision.ActWithCaution },
        { "2: an anomaly is believed whatever the coverage", DetectorFlags.Memory, IntegrityLevel.Anomaly, DecisionRow.AssuredAnomaly, TrustDecision.ActWithCaution },
        { "4: a compromise is believed whatever the coverage", DetectorFlags.None, IntegrityLevel.Compromised, DecisionRow.AssuredCompromised, TrustDecision.Discard },
    };

    [Theory]
    [MemberData(nameof(CoverageRows))]
    public void Coverage_below_the_minimum_never_earns_act(string name, DetectorFlags coverage, IntegrityLevel level, DecisionRow row, TrustDecision decision)
    {
        var report = new IntegrityReport(level, level == IntegrityLevel.NoAnomaly ? DetectorFlags.None : DetectorFlags.Memory, 1, 2, new Time64(3)) { Coverage = coverage };
        var outcome = DecisionTable.Decide(5, report, Psid.Denm, new DecisionPolicy());
        Assert.True(new DecisionOutcome(row, decision) == outcome, $"{name}: {outcome}");
    }

    [Fact]
    public void Coverage_rows_follow_the_receivers_configuration_and_never_act()
    {
        var linux = new IntegrityReport(IntegrityLevel.NoAnomaly, DetectorFlags.None, 1, 2, new Time64(3)) { Coverage = DetectorFlags.Memory | DetectorFlags.HsmTamper };
        var lax = new DecisionPolicy { RequiredCoverage = DetectorFlags.None, MinimumCoverageCount = 2 };
        Assert.Equal(new DecisionOutcome(DecisionRow.AssuredNoAnomaly, TrustDecision.Act), DecisionTable.Decide(5, linux, Psid.Cam, lax));
        var strict = new DecisionPolicy { MinimumCoverageCount = 8, InsufficientCoverageDecision = TrustDecision.PrepareOnly };
        Assert.Equal(new DecisionOutcome(DecisionRow.AssuredNoAnomalyInsufficientCoverage, TrustDecision.PrepareOnly),
            DecisionTable.Decide(5, Report(IntegrityLevel.NoAnomaly)! with { Coverage = All & ~DetectorFlags.HsmTamper }, Psid.Cam, strict));

        // A receiver that trusts no anomaly less than act keeps that for row 10 too (the worse of the two).
        var wary = new DecisionPolicy { LevelDecisions = new DecisionPolicy().LevelDecisions.ToDictionary() };
        ((Dictionary<IntegrityLevel, TrustDecision>)wary.LevelDecisions)[IntegrityLevel.NoAnomaly] = TrustDecision.PrepareOnly;
        Assert.Equal(TrustDecision.PrepareOnly, DecisionTable.Decide(5, linux, Psid.Cam, wary).Decision);

        Assert.Throws<ArgumentException>(() => new DecisionPolicy { InsufficientCoverageDecision = TrustDecision.Act }.Validate());
        Assert.Throws<ArgumentException>(() => new DecisionPolicy { MinimumCoverageCount = 9 }.Validate());
    }

    [Fact]
    public void Every_row_of_the_table_is_covered()
    {
        var covered = DefaultRows.Select(r => (DecisionRow)r[4]).Concat(CoverageRows.Select(r => (DecisionRow)r[3])).ToHashSet();
        Assert.Equal(Enum.GetValues<DecisionRow>().ToHashSet(), covered);
    }

    [Fact]
    public void A_stricter_policy_moves_the_rows_it_configures()
    {
        var strict = new DecisionPolicy
        {
            MinimumAssurance = 6,
            ConventionalDecision = TrustDecision.PrepareOnly,
            InconsistentDecision = TrustDecision.Discard,
            ReportRequired = new HashSet<Psid> { Psid.Cam, Psid.Denm },
        };
        Assert.Equal(new DecisionOutcome(DecisionRow.AssuranceBelowMinimum, TrustDecision.Discard), DecisionTable.Decide(5, Report(IntegrityLevel.NoAnomaly), Psid.Cam, strict));
        Assert.Equal(new DecisionOutcome(DecisionRow.Conventional, TrustDecision.PrepareOnly), DecisionTable.Decide(null, null, Psid.Cam, strict));
        Assert.Equal(new DecisionOutcome(DecisionRow.PermissionWithoutReport, TrustDecision.Discard), DecisionTable.Decide(7, null, Psid.Cam, strict));
        Assert.Equal(new DecisionOutcome(DecisionRow.AssuredNoAnomaly, TrustDecision.Act), DecisionTable.Decide(7, Report(IntegrityLevel.NoAnomaly), Psid.Cam, strict));
    }

    [Fact]
    public void An_invalid_policy_is_a_caller_mistake()
    {
        Assert.Throws<ArgumentException>(() => new DecisionPolicy { MinimumAssurance = 8 }.Validate());
        Assert.Throws<ArgumentException>(() => new DecisionPolicy { LevelDecisions = new Dictionary<IntegrityLevel, TrustDecision>() }.Validate());
        Assert.Throws<ArgumentException>(() => new DecisionPolicy { ConventionalDecision = (TrustDecision)9 }.Validate());
    }

    [Theory]
    [InlineData(TrustDecision.Act, TrustDecision.PrepareOnly, TrustDecision.PrepareOnly)]
    [InlineData(TrustDecision.Discard, TrustDecision.Act, TrustDecision.Discard)]
    [InlineData(TrustDecision.ActWithCaution, TrustDecision.ActWithCaution, TrustDecision.ActWithCaution)]
    public void Worse_is_the_less_trusting(TrustDecision a, TrustDecision b, TrustDecision worse) => Assert.Equal(worse, DecisionTable.Worse(a, b));

    private static IntegrityReport? Report(IntegrityLevel? level) => level is { } l
        ? new IntegrityReport(l, l == IntegrityLevel.NoAnomaly ? DetectorFlags.None : DetectorFlags.Memory, 1, 2, new Time64(3)) { Coverage = All }
        : null;
}
