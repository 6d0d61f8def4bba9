using Bench.Reporting;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using V2x.Integrity;

namespace Bench.Tests.Reporting;

/// <summary>
/// The demo's own expectations, row by row: a run that shows everything passes all ten (with the hub, the posture phase
/// and the ghost); each failure row breaks one thing and exactly that expectation fails.
/// </summary>
public class SummaryBuilderTests
{
    private const int Clean = 0;
    private const int Tampered = 1;
    private const int Others = 2;
    private const int Replays = 3;
    private const int Legacy = 4;
    private const int Denms = 5;
    private const int HubHolds = 6;
    private const int PostureCritical = 7;
    private const int GhostRevoked = 8;
    private const int NoGenuine = 9;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TamperAt = Start.AddSeconds(10);
    private static readonly string[] Obus = ["obu-1", "obu-2", "obu-3"];

    public static TheoryData<string, int?> Rows => new()
    {
        { "a run that shows everything", null },
        { "a clean-phase message acted on with caution", Clean },
        { "no mitigation at one receiver", Tampered },
        { "mitigation later than one detection period", Tampered },
        { "back to Act after the mitigation", Tampered },
        { "an untampered OBU mitigated in the tampered phase", Others },
        { "the posture OBU's reports critical from its first tampered-phase frame", null },
        { "an exact replay accepted", Replays },
        { "an altered-counter replay accepted", Replays },
        { "no altered replay sent", Replays },
        { "a legacy frame on an assured row", Legacy },
        { "no legacy frame accepted at one receiver", Legacy },
        { "a DENM missing in the tampered phase", Denms },
        { "only the clean phase's DENM, repeated after the tamper, before the tampered phase's trigger", Denms },
        { "no EEBL triggered in the tampered phase", Denms },
        { "no EEBL triggers known", Denms },
        { "the hub holds none of the tampered OBU's summaries", HubHolds },
        { "the critical posture's frames acted on fully at one receiver", PostureCritical },
        { "the critical grade never reaches one receiver", PostureCritical },
        { "the critical grade arrives later than the bound", PostureCritical },
        { "another OBU's report carries a critical grade", PostureCritical },
        { "no advisory published", PostureCritical },
        { "the ghost not rejected as Revoked at one receiver", GhostRevoked },
        { "the ghost accepted after it was rejected as Revoked", GhostRevoked },
        { "the ghost not revoked", GhostRevoked },
        { "the ghost heard by every OBU but reported by two", GhostRevoked },
        { "a receiver's finding about a genuine OBU", NoGenuine },
        { "an observation report about a genuine station", NoGenuine },
        { "a genuine station revoked", NoGenuine },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Exactly_the_broken_expectation_fails(string row, int? broken)
    {
        var entries = GoodRun();
        var altered = 3L;
        var hub = GoodHub();
        var triggers = Triggers(Obus);
        var posture = GoodPosture();
        var ghost = GoodGhost();
        var findings = GhostFindings();
        switch (row)
        {
            case "a clean-phase message acted on with caution":
                Replace(entries, e => e.Receiver == "obu-1" && e.Sender == "obu-3" && e.Phase == DemoPhase.Clean, e => e with { Decision = TrustDecision.ActWithCaution });
                break;
            case "no mitigation at one receiver":
                Replace(entries, e => e.Receiver == "obu-2" && e.Sender == "obu-3" && e.IsMitigation, e => e with { Decision = TrustDecision.Act, Row = DecisionRow.AssuredNoAnomaly });
                break;
            case "mitigation later than one detection period":
                Replace(entries, e => e.Receiver == "obu-2" && e.Sender == "obu-3" && e.IsMitigation,
                    e => e with { DecidedAt = TamperAt.AddSeconds(6.5), ReceivedAt = TamperAt.AddSeconds(6.5) });
                break;
            case "back to Act after the mitigation":
                entries.Add(Obu("obu-2", "obu-3", DemoPhase.Tampered, TamperAt.AddSeconds(5), TrustDecision.Act));
                break;
            case "an untampered OBU mitigated in the tampered phase":
                entries.Add(Obu("obu-3", "obu-1", DemoPhase.Tampered, TamperAt.AddSeconds(4), TrustDecision.PrepareOnly));
                break;
            case "the posture OBU's reports critical from its first tampered-phase frame":
                entries.RemoveAll(e => e.Sender == "obu-2" && e.Phase == DemoPhase.Tampered && e.PostureGrade is null);
                break;
            case "an exact replay accepted":
                Replace(entries, e => e.Receiver == "obu-1" && e.Kind == SenderKind.ExactReplay, e => e with { Outcome = ReceiveOutcome.Accepted, Decision = TrustDecision.Act });
                break;
            case "an altered-counter replay accepted":
                Replace(entries, e => e.Receiver == "obu-3" && e.Kind == SenderKind.AlteredReplay, e => e with { Outcome = ReceiveOutcome.Accepted, Decision = TrustDecision.Act });
                break;
            case "no altered replay sent":
                altered = 0;
                break;
            case "a legacy frame on an assured row":
                Replace(entries, e => e.Receiver == "obu-2" && e.Kind == SenderKind.Legacy, e => e with { Row = DecisionRow.AssuredNoAnomaly, Decision = TrustDecision.Act });
                break;
            case "no legacy frame accepted at one receiver":
                entries.RemoveAll(e => e.Receiver == "obu-1" && e.Kind == SenderKind.Legacy);
                break;
            case "a DENM missing in the tampered phase":
                entries.RemoveAll(e => e.Receiver == "obu-1" && e.Sender == "obu-2" && e.Phase == DemoPhase.Tampered && e.Message == "DENM");
                break;
            case "only the clean phase's DENM, repeated after the tamper, before the tampered phase's trigger":
                entries.RemoveAll(e => e.Receiver == "obu-1" && e.Sender == "obu-2" && e.Phase == DemoPhase.Tampered && e.Message == "DENM");
                entries.Add(Obu("obu-1", "obu-2", DemoPhase.Tampered, TamperAt.AddSeconds(0.5), TrustDecision.Act) with { Message = "DENM" });
                break;
            case "no EEBL triggered in the tampered phase":
                triggers["obu-2"] = [Start.AddSeconds(3.9)];
                break;
            case "no EEBL triggers known":
                triggers.Clear();
                break;
            case "the hub holds none of the tampered OBU's summaries":
                hub = hub with { TamperedHeld = 0, TamperedAnomalies = [] };
                break;
            case "the critical posture's frames acted on fully at one receiver":
                Replace(entries, e => e.Receiver == "obu-3" && e.Sender == "obu-2" && e.PostureGrade == PostureSeverity.Critical,
                    e => e with { Decision = TrustDecision.Act, Posture = PostureRow.None });
                break;
            case "the critical grade never reaches one receiver":
                Replace(entries, e => e.Receiver == "obu-1" && e.Sender == "obu-2" && e.PostureGrade == PostureSeverity.Critical,
                    e => e with { Decision = TrustDecision.Act, Posture = PostureRow.None, PostureGrade = PostureSeverity.None });
                break;
            case "the critical grade arrives later than the bound":
                Replace(entries, e => e.Receiver == "obu-1" && e.Sender == "obu-2" && e.PostureGrade == PostureSeverity.Critical && e.ReceivedAt < TamperAt.AddSeconds(3),
                    e => e with { Decision = TrustDecision.Act, Posture = PostureRow.None, PostureGrade = PostureSeverity.None });
                break;
            case "another OBU's report carries a critical grade":
                entries.Add(Obu("obu-3", "obu-1", DemoPhase.Tampered, TamperAt.AddSeconds(4), TrustDecision.Act) with { PostureGrade = PostureSeverity.Critical });
                break;
            case "no advisory published":
                posture = posture with { Advisory = [], PublishedAt = null };
                break;
            case "the ghost not rejected as Revoked at one receiver":
                entries.RemoveAll(e => e.Receiver == "obu-2" && e.Kind == SenderKind.Ghost && e.Reason == ReceiveReason.Revoked);
                break;
            case "the ghost accepted after it was rejected as Revoked":
                entries.Add(Entry("obu-1", "ghost-1", SenderKind.Ghost, DemoPhase.Tampered, TamperAt.AddSeconds(9), ReceiveOutcome.Accepted, TrustDecision.ActWithCaution,
                    DecisionRow.Conventional, ReceiveReason.None));
                break;
            case "the ghost not revoked":
                ghost = ghost with { RevokedAt = null };
                break;
            case "the ghost heard by every OBU but reported by two":
                ghost = ghost with { Reporters = ["obu-1", "obu-2"], Reports = 2 };
                break;
            case "a receiver's finding about a genuine OBU":
                findings.Add(new FindingEntry("obu-1", "obu-2", SenderKind.Obu, "TwoSendersOnePlace", Start.AddSeconds(5), "1.2 m from ticket … heard at the same instant"));
                break;
            case "an observation report about a genuine station":
                ghost = ghost with { GenuineReported = ["obu-2 ×1 (from obu-1: SpeedChangeTooLarge)"] };
                break;
            case "a genuine station revoked":
                ghost = ghost with { GenuineRevoked = ["Station legacy-1 Done"] };
                break;
        }

        var summary = SummaryBuilder.Build(entries, [], Inputs(altered) with { Hub = hub, EeblTriggeredAt = triggers, Posture = posture, Ghost = ghost, Findings = findings });

        var failed = summary.Expectations.Select((e, i) => (e, i)).Where(x => !x.e.Passed).Select(x => x.i).ToList();
        Assert.Equal(broken is { } b ? [b] : [], failed);
        Assert.Equal(broken is null, summary.Passed);
    }

    public static TheoryData<string, bool> FirmwareRows => new()
    {
        { "every receiver discards within the period", true },
        { "only prepared, as for a rogue process (no compromise seen)", false },
        { "still acted on (the tamper not detected)", false },
        { "discarded later than one detection period", false },
        { "prepared after the discard", false },
        { "its tampered-phase DENM never arrives (revoked on its own compromise report)", true },
    };

    // Tampered firmware (RunInfo.Tamper "tampered-firmware"): obu-3's compromise must be discarded (row 4), a mitigation is not enough.
    [Theory]
    [MemberData(nameof(FirmwareRows))]
    public void Tampered_firmware_must_be_discarded_within_one_detection_period(string row, bool passes)
    {
        var discard = (Func<LedgerEntry, bool>)(e => e.Sender == "obu-3" && e.Phase == DemoPhase.Tampered && e.IsMitigation);
        var entries = GoodRun();
        Replace(entries, discard, e => e with { Decision = TrustDecision.Discard, Row = DecisionRow.AssuredCompromised, ReportLevel = IntegrityLevel.Compromised });
        switch (row)
        {
            case "only prepared, as for a rogue process (no compromise seen)":
                Replace(entries, e => e.Sender == "obu-3" && e.Decision == TrustDecision.Discard, e => e with { Decision = TrustDecision.PrepareOnly, Row = DecisionRow.AssuredHighAnomaly });
                break;
            case "still acted on (the tamper not detected)":
                Replace(entries, e => e.Sender == "obu-3" && e.Decision == TrustDecision.Discard, e => e with { Decision = TrustDecision.Act, Row = DecisionRow.AssuredNoAnomaly });
                break;
            case "discarded later than one detection period":
                Replace(entries, e => e.Receiver == "obu-2" && e.Sender == "obu-3" && e.Decision == TrustDecision.Discard,
                    e => e with { DecidedAt = TamperAt.AddSeconds(6.5), ReceivedAt = TamperAt.AddSeconds(6.5) });
                break;
            case "prepared after the discard":
                entries.Add(Obu("obu-1", "obu-3", DemoPhase.Tampered, TamperAt.AddSeconds(5), TrustDecision.PrepareOnly));
                break;
            case "its tampered-phase DENM never arrives (revoked on its own compromise report)":
                entries.RemoveAll(e => e.Sender == "obu-3" && e.Phase == DemoPhase.Tampered && e.Message == "DENM");
                break;
        }

        var inputs = Inputs(3);
        var summary = SummaryBuilder.Build(entries, [], inputs with { Run = inputs.Run with { Tamper = "tampered-firmware" } });

        var check = summary.Expectations[Tampered];
        var denms = summary.Expectations[Denms];
        Assert.True(denms.Passed, denms.Detail);
        Assert.EndsWith("(obu-3's tampered-phase EEBL not expected: tampered firmware, revoked on its own compromise report)", denms.Detail, StringComparison.Ordinal);
        Assert.StartsWith("tampered phase: obu-3's tampered firmware is detected: its messages move from Act to Discard at every receiver within one detection period (6 s)", check.Name, StringComparison.Ordinal);
        Assert.Equal(passes, check.Passed);
        if (row == "still acted on (the tamper not detected)")
        {
            Assert.Equal("late, missing or not Discard after at: obu-1 (no Discard), obu-2 (no Discard)", check.Detail);
        }
        Assert.Contains("-- detection delay: tamper → first Discard about obu-3 --", SummaryText.Render(summary), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_hub_its_expectation_is_not_checked()
    {
        var summary = SummaryBuilder.Build(GoodRun(), [], Inputs(3));

        Assert.Equal(6, summary.Expectations.Count);
        Assert.Null(summary.Hub);
        Assert.DoesNotContain(summary.Expectations, e => e.Name.Contains("hub", StringComparison.Ordinal));
    }

    [Fact]
    public void The_hub_expectation_names_the_merged_sighting_and_the_delay()
    {
        var summary = SummaryBuilder.Build(GoodRun(), [], Inputs(3) with { Hub = GoodHub() });

        var hub = summary.Expectations[HubHolds];
        Assert.Equal("the hub holds obu-3's anomaly summary", hub.Name);
        Assert.Contains("sighting count 1", hub.Detail, StringComparison.Ordinal);
        Assert.Contains("1800 ms after the tamper", hub.Detail, StringComparison.Ordinal);
        Assert.Contains("-- sharing-community hub", SummaryText.Render(summary), StringComparison.Ordinal);
        Assert.Contains("\"tamperedHeld\": 1", SummaryText.ToJson(summary), StringComparison.Ordinal);
    }

    [Fact]
    public void Detection_delay_is_from_the_tamper_to_the_first_mitigation_at_each_receiver()
    {
        var summary = SummaryBuilder.Build(GoodRun(), [], Inputs(3));

        Assert.Equal(["obu-1", "obu-2"], summary.Detection.Select(d => d.Receiver));
        Assert.All(summary.Detection, d => Assert.Equal(2500, d.DelayMs));
        Assert.All(summary.Detection, d => Assert.Equal(nameof(TrustDecision.PrepareOnly), d.Decision));
    }

    [Fact]
    public void Cells_count_decisions_per_receiver_sender_and_phase()
    {
        var summary = SummaryBuilder.Build(GoodRun(), [], Inputs(3));

        var cell = Assert.Single(summary.Decisions, c => c.Receiver == "obu-1" && c.Sender == "obu-3" && c.Phase == DemoPhase.Tampered);
        Assert.Equal((3, 1, 2, 0), (cell.Frames, cell.Act, cell.PrepareOnly, cell.Rejected));
        var replays = Assert.Single(summary.Decisions, c => c.Receiver == "obu-1" && c.Kind == SenderKind.ExactReplay && c.Phase == DemoPhase.Clean);
        Assert.Equal(1, replays.RejectReasons["Duplicate"]);
    }

    private static SummaryBuilder.Inputs Inputs(long alteredSent) => new(
        new RunInfo(Start, TamperAt, Start.AddSeconds(20), 3, 1, "obu-3", 5, 6, "memory", "pki", "http://127.0.0.1:1/", "239.255.47.1", 47001, "out", 2400),
        Obus, "legacy-1", TimeSpan.FromSeconds(6), new ReplaySummary(40, 5, alteredSent, []), [], [], EeblTriggeredAt: Triggers(Obus));

    // Each OBU's EEBL triggers: one in the clean phase before its DENMs arrive, one a detection period and a half second after the tamper.
    private static Dictionary<string, IReadOnlyList<DateTimeOffset>> Triggers(string[] obus) =>
        obus.ToDictionary(o => o, _ => (IReadOnlyList<DateTimeOffset>)[Start.AddSeconds(3.9), TamperAt.AddSeconds(6.5)], StringComparer.Ordinal);

    private static HubSummary GoodHub() => new("http://127.0.0.1:1/hub/", "collection", "hub.db",
        new SortedDictionary<string, int>(StringComparer.Ordinal) { ["indicator"] = 1, ["observed-data"] = 1, ["sighting"] = 1 },
        new SortedDictionary<string, int>(StringComparer.Ordinal) { ["x1371:attack-targets-motivations"] = 1 },
        "obu-3", 1, 1, 0, [new MergedAnomaly("aa11", "x1371:attack-targets-motivations", "process-unexpected", 1, true, 1, 1)], 1800);

    // The posture phase: the advisory at the tamper, obu-2 (on the outdated library) polled critical 0.8 s later.
    private static PostureSummary GoodPosture() =>
        new("obu-2", "curl 8.3.0", ["CVE-2023-38545 curl 9.8"], TamperAt, TamperAt.AddSeconds(0.8), 3000, []);

    // The ghost: first false CAM 1 s in, reported by every OBU, revoked 0.3 s later; each receiver rejects it as Revoked at 8 s.
    private static GhostSummary GoodGhost() =>
        new("ghost-1", 180, Start.AddSeconds(1), 3, Obus, Start.AddSeconds(1.3), [], [], []);

    private static List<FindingEntry> GhostFindings() =>
        [.. Obus.Select(r => new FindingEntry(r, "ghost-1", SenderKind.Ghost, "SpeedValueTooLarge", Start.AddSeconds(1.1), "120.0 m/s"))];

    private static List<LedgerEntry> GoodRun()
    {
        var entries = new List<LedgerEntry>();
        foreach (var receiver in Obus)
        {
            foreach (var sender in Obus.Where(s => s != receiver))
            {
                entries.Add(Obu(receiver, sender, DemoPhase.Clean, Start.AddSeconds(2), TrustDecision.Act));
                entries.Add(Obu(receiver, sender, DemoPhase.Clean, Start.AddSeconds(4), TrustDecision.Act) with { Message = "DENM" });
                entries.Add(Obu(receiver, sender, DemoPhase.Tampered, TamperAt.AddSeconds(1), TrustDecision.Act));
                if (sender == "obu-2")
                {
                    // Its reports carry the critical grade from 1.5 s after the advisory: act with caution, row P1.
                    foreach (var (at, message) in new[] { (1.5, "CAM"), (2.5, "CAM"), (7, "DENM") })
                    {
                        entries.Add(Obu(receiver, sender, DemoPhase.Tampered, TamperAt.AddSeconds(at), TrustDecision.ActWithCaution) with
                        {
                            Message = message, Row = DecisionRow.AssuredNoAnomaly, Posture = PostureRow.CriticalWeakness, PostureGrade = PostureSeverity.Critical,
                        });
                    }

                    continue;
                }

                var later = sender == "obu-3" ? TrustDecision.PrepareOnly : TrustDecision.Act;
                entries.Add(Obu(receiver, sender, DemoPhase.Tampered, TamperAt.AddSeconds(2.5), later));
                entries.Add(Obu(receiver, sender, DemoPhase.Tampered, TamperAt.AddSeconds(7), later) with { Message = "DENM" });
            }

            entries.Add(Entry(receiver, "ghost-1", SenderKind.Ghost, DemoPhase.Clean, Start.AddSeconds(1.1), ReceiveOutcome.Accepted, TrustDecision.ActWithCaution,
                DecisionRow.Conventional, ReceiveReason.None));
            entries.Add(Entry(receiver, "ghost-1", SenderKind.Ghost, DemoPhase.Tampered, TamperAt.AddSeconds(8), ReceiveOutcome.Rejected, TrustDecision.Discard,
                null, ReceiveReason.Revoked));

            entries.Add(Entry(receiver, "legacy-1", SenderKind.Legacy, DemoPhase.Clean, Start.AddSeconds(3), ReceiveOutcome.Accepted, TrustDecision.ActWithCaution,
                DecisionRow.Conventional, ReceiveReason.None));
            entries.Add(Entry(receiver, "attacker", SenderKind.ExactReplay, DemoPhase.Clean, Start.AddSeconds(3), ReceiveOutcome.Rejected, TrustDecision.Discard, null,
                ReceiveReason.Duplicate));
            entries.Add(Entry(receiver, "attacker", SenderKind.AlteredReplay, DemoPhase.Tampered, TamperAt.AddSeconds(3), ReceiveOutcome.Rejected, TrustDecision.Discard,
                null, ReceiveReason.BadSignature));
        }

        return entries;
    }

    private static LedgerEntry Obu(string receiver, string sender, DemoPhase phase, DateTimeOffset at, TrustDecision decision) =>
        Entry(receiver, sender, SenderKind.Obu, phase, at, ReceiveOutcome.Accepted, decision, decision switch
        {
            TrustDecision.Act => DecisionRow.AssuredNoAnomaly,
            TrustDecision.ActWithCaution => DecisionRow.AssuredAnomaly,
            _ => DecisionRow.AssuredHighAnomaly,
        }, ReceiveReason.None);

    private static LedgerEntry Entry(string receiver, string sender, SenderKind kind, DemoPhase phase, DateTimeOffset at, ReceiveOutcome outcome, TrustDecision decision,
        DecisionRow? row, ReceiveReason reason) =>
        new(receiver, sender, kind, phase, at, at, "CAM", outcome, decision, row, outcome == ReceiveOutcome.Accepted ? ReceiveStage.Decision : ReceiveStage.Replay, reason,
            kind == SenderKind.Obu ? IntegrityLevel.NoAnomaly : null);

    private static void Replace(List<LedgerEntry> entries, Func<LedgerEntry, bool> match, Func<LedgerEntry, LedgerEntry> change)
    {
        var hits = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (match(entries[i]))
            {
                entries[i] = change(entries[i]);
                hits++;
            }
        }

        Assert.True(hits > 0, "the row changes nothing");
    }
}
