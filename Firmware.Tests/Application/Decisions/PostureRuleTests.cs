using Firmware.Application.Decisions;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.Tests.Application.Decisions;

/// <summary>
/// The posture rule after the decision table (Docs/trust-decisions.md, "The posture rule"; patent ¶204-216): a sender with a
/// critical unpatched weakness, or whose posture is out of date beyond the receiver's limit, is not acted on fully; a
/// posture row only ever lowers a decision.
/// </summary>
public sealed class PostureRuleTests
{
    private static readonly TestAuthority Authority = new("posture.test");

    private static readonly PosturePolicy Strict = new()
    {
        HighWeakness = TrustDecision.ActWithCaution,
        SoftwareNotCurrent = TrustDecision.ActWithCaution,
        NotAssessed = TrustDecision.PrepareOnly,
    };

    // name, posture grade octet, report level, strict policy, table row, decision, posture row
    public static TheoryData<string, byte, IntegrityLevel, bool, DecisionRow, TrustDecision, PostureRow> Rows => new()
    {
        { "clean, current, polled within the hour: act", Grade(PostureSeverity.None, true, true, PollAge.WithinHour), IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.Act, PostureRow.None },
        { "P1 critical weakness: act with caution", Grade(PostureSeverity.Critical, true, true, PollAge.WithinHour), IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.ActWithCaution, PostureRow.CriticalWeakness },
        { "P2 high weakness, default policy: act", Grade(PostureSeverity.High, true, true, PollAge.WithinHour), IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.Act, PostureRow.None },
        { "P2 high weakness, strict policy: act with caution", Grade(PostureSeverity.High, true, true, PollAge.WithinHour), IntegrityLevel.NoAnomaly, true, DecisionRow.AssuredNoAnomaly, TrustDecision.ActWithCaution, PostureRow.HighWeakness },
        { "polled within the week: in date", Grade(PostureSeverity.Low, true, true, PollAge.WithinWeek), IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.Act, PostureRow.None },
        { "P3 polled within the month (over 7 days): out of date", Grade(PostureSeverity.None, true, true, PollAge.WithinMonth), IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.ActWithCaution, PostureRow.PostureOutOfDate },
        { "P3 polled more than 30 days ago", Grade(PostureSeverity.None, true, true, PollAge.Older), IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.ActWithCaution, PostureRow.PostureOutOfDate },
        { "P4 application behind, default policy: act", Grade(PostureSeverity.None, false, true, PollAge.WithinHour), IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.Act, PostureRow.None },
        { "P4 IDF behind, strict policy", Grade(PostureSeverity.None, true, false, PollAge.WithinHour), IntegrityLevel.NoAnomaly, true, DecisionRow.AssuredNoAnomaly, TrustDecision.ActWithCaution, PostureRow.SoftwareNotCurrent },
        { "P5 never polled, default policy: act", PostureGrade.NotAssessed.Value, IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.Act, PostureRow.None },
        { "P5 never polled, policy requiring posture", PostureGrade.NotAssessed.Value, IntegrityLevel.NoAnomaly, true, DecisionRow.AssuredNoAnomaly, TrustDecision.PrepareOnly, PostureRow.NotAssessed },
        { "critical and out of date: one row named, the first of equal limits", Grade(PostureSeverity.Critical, true, true, PollAge.Older), IntegrityLevel.NoAnomaly, false, DecisionRow.AssuredNoAnomaly, TrustDecision.ActWithCaution, PostureRow.CriticalWeakness },
        { "critical and never polled under the strict policy: the stricter limit wins", Grade(PostureSeverity.Critical, false, false, PollAge.Never), IntegrityLevel.NoAnomaly, true, DecisionRow.AssuredNoAnomaly, TrustDecision.PrepareOnly, PostureRow.NotAssessed },
        { "critical with an anomaly report: the table's caution stands, no posture row lowered it", Grade(PostureSeverity.Critical, true, true, PollAge.WithinHour), IntegrityLevel.Anomaly, false, DecisionRow.AssuredAnomaly, TrustDecision.ActWithCaution, PostureRow.None },
        { "critical with a compromised report: discard stands (a row never raises)", Grade(PostureSeverity.Critical, true, true, PollAge.WithinHour), IntegrityLevel.Compromised, false, DecisionRow.AssuredCompromised, TrustDecision.Discard, PostureRow.None },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_posture_row_lowers_as_the_document_says(string name, byte grade, IntegrityLevel level, bool strict, DecisionRow row, TrustDecision decision,
        PostureRow posture)
    {
        var report = new IntegrityReport(level, level == IntegrityLevel.NoAnomaly ? DetectorFlags.None : DetectorFlags.Process, 1, 2, new Time64(3))
        {
            Coverage = TestStation.FullCoverage,
            Posture = PostureGrade.FromOctet(grade)!.Value,
        };
        var outcome = DecisionTable.Decide(5, report, Psid.Denm, new DecisionPolicy { Posture = strict ? Strict : new PosturePolicy() });
        Assert.True(new DecisionOutcome(row, decision, posture) == outcome, $"{name}: {outcome}");
    }

    [Fact]
    public void Every_posture_row_is_covered()
    {
        Assert.Equal(Enum.GetValues<PostureRow>().ToHashSet(), Rows.Select(r => (PostureRow)r[6]).ToHashSet());
    }

    [Fact]
    public void A_message_without_a_report_gets_no_posture_row()
    {
        Assert.Equal(new DecisionOutcome(DecisionRow.Conventional, TrustDecision.ActWithCaution), DecisionTable.Decide(null, null, Psid.Denm, new DecisionPolicy { Posture = Strict }));
    }

    [Theory]
    [InlineData(TrustDecision.Act)]
    [InlineData(TrustDecision.ActWithCaution)]
    [InlineData(TrustDecision.PrepareOnly)]
    [InlineData(TrustDecision.Discard)]
    public void A_posture_row_never_raises_the_table_decision(TrustDecision limit)
    {
        var policy = new DecisionPolicy { Posture = new PosturePolicy { CriticalWeakness = limit, OutOfDate = limit, NotAssessed = limit, HighWeakness = limit, SoftwareNotCurrent = limit } };
        var none = new DecisionPolicy { Posture = new PosturePolicy { CriticalWeakness = TrustDecision.Act, OutOfDate = TrustDecision.Act } };
        foreach (var level in Enum.GetValues<IntegrityLevel>())
        {
            foreach (var octet in Enumerable.Range(0, 256).Select(b => PostureGrade.FromOctet((byte)b)).OfType<PostureGrade>())
            {
                var report = new IntegrityReport(level, level == IntegrityLevel.NoAnomaly ? DetectorFlags.None : DetectorFlags.Memory, 1, 2, new Time64(3)) { Coverage = TestStation.FullCoverage, Posture = octet };
                var table = DecisionTable.Decide(5, report, Psid.Cam, none);
                var withPosture = DecisionTable.Decide(5, report, Psid.Cam, policy);
                Assert.True(withPosture.Decision >= table.Decision && withPosture.Row == table.Row, $"{level} {octet}: {table} -> {withPosture}");
            }
        }
    }

    [Fact]
    public void Through_the_pipeline_a_critical_sender_is_acted_on_with_caution_and_named()
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority, 5);
        var report = TestStation.Report(IntegrityLevel.NoAnomaly, 7, receiver.Now);
        var critical = new IntegrityReport(report.Level, report.Detectors, report.MessageCounter, report.Nonce, report.ReportTime)
        {
            Coverage = report.Coverage,
            Posture = new PostureGrade(PostureSeverity.Critical, true, true, PollAge.WithinHour),
        };

        var result = receiver.Process(station.Denm(receiver.Now, SignerChoice.Certificate, critical));

        Assert.True(result.IsAccepted, result.Detail);
        Assert.Equal((DecisionRow.AssuredNoAnomaly, TrustDecision.ActWithCaution, PostureRow.CriticalWeakness), (result.Row, result.Decision, result.Posture));
        Assert.Contains("posture P1 CriticalWeakness", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_posture_policy_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new DecisionPolicy { Posture = new PosturePolicy { MaximumPollAge = PollAge.Never } }.Validate());
        Assert.Throws<ArgumentException>(() => new DecisionPolicy { Posture = new PosturePolicy { CriticalWeakness = (TrustDecision)9 } }.Validate());
    }

    private static byte Grade(PostureSeverity severity, bool app, bool idf, PollAge age) => new PostureGrade(severity, app, idf, age).Value;
}
