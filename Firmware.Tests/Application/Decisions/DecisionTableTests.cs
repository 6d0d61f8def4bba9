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
        { "8: permission without report in a DENM: no better than a compromised report", 5, null, true, DecisionRow.PermissionWithoutReport, TrustDecision.Discard },
        { "9: assurance below the minimum, clean", 2, IntegrityLevel.NoAnomaly, true, DecisionRow.AssuranceBelowMinimum, TrustDecision.PrepareOnly },
        { "9: assurance below the minimum, compromised", 2, IntegrityLevel.Compromised, true, DecisionRow.AssuranceBelowMinimum, TrustDecision.Discard },
        { "9: assurance level 0 (none), no report", 0, null, false, DecisionRow.AssuranceBelowMinimum, TrustDecision.PrepareOnly },
        { "9: assurance below the minimum, no report in a DENM", 2, null, true, DecisionRow.AssuranceBelowMinimum, TrustDecision.Discard },
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

    // What a message from an IDF-assured ticket gets without the report, per PSID (Docs/trust-decisions.md,
    // "Messages without the report"): CAM and any PSID that need not carry it as row 5, DENM as row 8.
    public static TheoryData<string, ulong, DecisionRow, TrustDecision> ReportlessRows => new()
    {
        { "CAM (36): row 5, act with caution (a report could only have said no anomaly: act)", 36, DecisionRow.AssuredReportNotCarried, TrustDecision.ActWithCaution },
        { "DENM (37): row 8, discard (a report could have said compromised: discard)", 37, DecisionRow.PermissionWithoutReport, TrustDecision.Discard },
        { "SPATEM (TLM 137): row 5, act with caution", 137, DecisionRow.AssuredReportNotCarried, TrustDecision.ActWithCaution },
        { "CPM (CP 639): row 5, act with caution", 639, DecisionRow.AssuredReportNotCarried, TrustDecision.ActWithCaution },
    };

    [Theory]
    [MemberData(nameof(ReportlessRows))]
    public void A_reportless_message_from_an_assured_ticket_gets_what_the_document_says(string name, ulong psid, DecisionRow row, TrustDecision decision)
    {
        var outcome = DecisionTable.Decide(5, null, new Psid(psid), new DecisionPolicy());
        Assert.True(new DecisionOutcome(row, decision) == outcome, $"{name}: {outcome}");
    }

    public static TheoryData<string> Policies => [.. PolicyCases.Keys];

    private static readonly Dictionary<string, DecisionPolicy> PolicyCases = new()
    {
        ["default"] = new DecisionPolicy(),
        ["strict"] = new DecisionPolicy { MinimumAssurance = 6, ConventionalDecision = TrustDecision.PrepareOnly, InconsistentDecision = TrustDecision.Discard },
        ["lenient: conventional act, inconsistent act with caution"] = new DecisionPolicy { ConventionalDecision = TrustDecision.Act, InconsistentDecision = TrustDecision.ActWithCaution },
        ["a clean report only earns caution, a compromised one preparation"] = new DecisionPolicy
        {
            ConventionalDecision = TrustDecision.Act,
            LevelDecisions = new Dictionary<IntegrityLevel, TrustDecision>
            {
                [IntegrityLevel.NoAnomaly] = TrustDecision.ActWithCaution,
                [IntegrityLevel.Anomaly] = TrustDecision.ActWithCaution,
                [IntegrityLevel.HighAnomaly] = TrustDecision.PrepareOnly,
                [IntegrityLevel.Compromised] = TrustDecision.PrepareOnly,
            },
        },
        ["CAM must carry the report too"] = new DecisionPolicy { ReportRequired = new HashSet<Psid> { Psid.Cam, Psid.Denm } },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Dropping_the_report_never_earns_a_better_decision_than_sending_it(string name)
    {
        var policy = PolicyCases[name];
        foreach (var psid in new[] { Psid.Cam, Psid.Denm, new Psid(137), new Psid(639) })
        {
            foreach (byte assurance in new byte[] { 0, 2, 3, 5, 7 })
            {
                var without = DecisionTable.Decide(assurance, null, psid, policy);
                foreach (var level in DecisionTable.LevelsAReportCouldCarry(psid, policy))
                {
                    var with = DecisionTable.Decide(assurance, Report(level), psid, policy);
                    Assert.True(DecisionTable.Worse(without.Decision, with.Decision) == without.Decision,
                        $"{name}, PSID {psid}, assurance {assurance}: no report {without} is better than a report at {level} {with}");
                }
            }
        }
    }

    [Fact]
    public void Only_a_psid_that_must_carry_the_report_can_have_hidden_any_level()
    {
        var policy = new DecisionPolicy();
        Assert.Equal(Enum.GetValues<IntegrityLevel>(), DecisionTable.LevelsAReportCouldCarry(Psid.Denm, policy));
        Assert.Equal([IntegrityLevel.NoAnomaly], DecisionTable.LevelsAReportCouldCarry(Psid.Cam, policy));
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
