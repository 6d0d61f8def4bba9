using Bench.Reporting;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;

namespace Bench.Tests.Reporting;

public class LiveTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly LedgerEntry[] Entries =
    [
        Entry("obu-1", "obu-2", SenderKind.Obu, DemoPhase.Tampered, 1, ReceiveOutcome.Accepted, TrustDecision.Act, DecisionRow.AssuredNoAnomaly, ReceiveReason.None),
        Entry("obu-1", "obu-2", SenderKind.Obu, DemoPhase.Tampered, 2, ReceiveOutcome.Accepted, TrustDecision.PrepareOnly, DecisionRow.AssuredHighAnomaly, ReceiveReason.None),
        Entry("obu-1", "obu-2", SenderKind.Obu, DemoPhase.Clean, 0.5, ReceiveOutcome.Accepted, TrustDecision.Act, DecisionRow.AssuredNoAnomaly, ReceiveReason.None),
        Entry("obu-1", "attacker", SenderKind.AlteredReplay, DemoPhase.Tampered, 3, ReceiveOutcome.Rejected, TrustDecision.Discard, null, ReceiveReason.BadSignature),
        Entry("obu-1", "legacy-1", SenderKind.Legacy, DemoPhase.Tampered, 1, ReceiveOutcome.Accepted, TrustDecision.ActWithCaution, DecisionRow.Conventional, ReceiveReason.None),
    ];

    [Theory]
    [InlineData("tampered OBU: one act, one prepare, latest prepare", "obu-2 ", "     2     1       0       1       0        0  CAM PrepareOnly (AssuredHighAnomaly)")]
    [InlineData("altered replay: rejected with its reason", "replay counter", "     1     0       0       0       0        1  CAM rejected: BadSignature")]
    [InlineData("legacy: act with caution on the conventional row", "legacy-1 (legacy)", "     1     0       1       0       0        0  CAM ActWithCaution (Conventional)")]
    public void One_line_per_receiver_and_sender_with_the_phase_counts(string row, string sender, string counts)
    {
        var text = LiveTable.Render(Entries, DemoPhase.Tampered, "heading", inPlace: false);

        var line = Assert.Single(text.Split(Environment.NewLine), l => l.Contains(sender, StringComparison.Ordinal));
        Assert.EndsWith(counts, line, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(row));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Redraws_in_place_only_on_a_terminal(bool inPlace, bool startsWithEscape)
    {
        var text = LiveTable.Render(Entries, DemoPhase.Clean, "heading", inPlace);
        Assert.Equal(startsWithEscape, text.StartsWith('\u001b'));
        Assert.Equal(4, text.Split(Environment.NewLine).Length);
    }

    [Theory]
    [InlineData("empty hub", new string[0], "hub 127.0.0.1:4242 Fleet anomalies: empty")]
    [InlineData("a summary merged", new[] { "observed-data", "indicator", "sighting" }, "hub 127.0.0.1:4242 Fleet anomalies: indicator 1, observed-data 1, sighting 1")]
    public void The_hub_line_shows_the_objects_by_type(string row, string[] types, string line)
    {
        var byType = types.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var sorted = new SortedDictionary<string, int>(byType, StringComparer.Ordinal);

        Assert.Equal(line, LiveTable.HubLine(new Uri("http://127.0.0.1:4242/hub/"), sorted));
        Assert.False(string.IsNullOrEmpty(row));
    }

    private static LedgerEntry Entry(string receiver, string sender, SenderKind kind, DemoPhase phase, double seconds, ReceiveOutcome outcome, TrustDecision decision,
        DecisionRow? row, ReceiveReason reason) =>
        new(receiver, sender, kind, phase, T0.AddSeconds(seconds), T0.AddSeconds(seconds), "CAM", outcome, decision, row,
            outcome == ReceiveOutcome.Accepted ? ReceiveStage.Decision : ReceiveStage.Signature, reason, null);
}
