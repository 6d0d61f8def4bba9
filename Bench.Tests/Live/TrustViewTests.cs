using Bench.Live;
using Bench.Reporting;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;

namespace Bench.Tests.Live;

/// <summary>The live view's colour of a vehicle: the outcome most receivers give its messages now, a tie going to the worse.</summary>
public class TrustViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Each decision: "receiver:outcome" about obu-9 (outcome: a decision table name or Rejected).
    public static TheoryData<string, string[], string> Rows => new()
    {
        { "every receiver acts", ["obu-1:Act", "obu-2:Act", "obu-3:Act"], "Act" },
        { "most receivers prepare only", ["obu-1:Act", "obu-2:PrepareOnly", "obu-3:PrepareOnly"], "PrepareOnly" },
        { "one of three moved: the majority still acts", ["obu-1:Act", "obu-2:Act", "obu-3:PrepareOnly"], "Act" },
        { "a tie goes to the worse", ["obu-1:Act", "obu-2:PrepareOnly"], "PrepareOnly" },
        { "a receiver's latest decision replaces its earlier one", ["obu-1:Act", "obu-2:Act", "obu-1:Discard", "obu-2:Discard"], "Discard" },
        { "rejections are the worst", ["obu-1:Rejected", "obu-2:Discard"], "Rejected" },
        { "caution for a legacy-like sender", ["obu-1:ActWithCaution", "obu-2:ActWithCaution", "obu-3:Act"], "ActWithCaution" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_colour_is_what_most_receivers_decide_now(string row, string[] decisions, string expected)
    {
        var view = new TrustView();
        foreach (var d in decisions)
        {
            var (receiver, outcome) = (d.Split(':')[0], d.Split(':')[1]);
            view.Record(Entry(receiver, "obu-9", SenderKind.Obu, outcome, T0));
        }

        var trust = view.Of("obu-9");
        Assert.True(trust is not null, row);
        Assert.True(expected == trust.Outcome, $"{row}: {trust.Outcome}");
    }

    public static TheoryData<string, string, string, SenderKind> Ignored => new()
    {
        { "an exact replay is the attacker's, not its victim's", "obu-1", "attacker", SenderKind.ExactReplay },
        { "an altered replay likewise", "obu-1", "attacker", SenderKind.AlteredReplay },
        { "a source the bench does not know", "obu-1", "127.0.0.1:9", SenderKind.Unknown },
        { "a receiver about itself", "obu-2", "obu-2", SenderKind.Obu },
    };

    [Theory]
    [MemberData(nameof(Ignored))]
    public void Only_stations_seen_by_others_get_a_colour(string row, string receiver, string sender, SenderKind kind)
    {
        var view = new TrustView();
        Assert.True(view.Record(Entry(receiver, sender, kind, "Rejected", T0)) is null, row);
        Assert.Empty(view.All());
    }

    [Fact]
    public void A_change_is_reported_once_with_the_time_the_receiver_first_decided_it()
    {
        var view = new TrustView();
        Assert.NotNull(view.Record(Entry("obu-1", "obu-2", SenderKind.Obu, "Act", T0)));
        Assert.Null(view.Record(Entry("obu-1", "obu-2", SenderKind.Obu, "Act", T0.AddSeconds(1))));
        var changed = view.Record(Entry("obu-1", "obu-2", SenderKind.Obu, "PrepareOnly", T0.AddSeconds(2)));
        Assert.NotNull(changed);
        Assert.Null(view.Record(Entry("obu-1", "obu-2", SenderKind.Obu, "PrepareOnly", T0.AddSeconds(3))));
        Assert.Equal(new TrustView.ReceiverView("PrepareOnly", T0.AddSeconds(2)), view.Of("obu-2")!.Receivers["obu-1"]);
    }

    [Fact]
    public void An_unknown_outcome_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TrustView.Severity("Maybe"));
        Assert.Equal(4, TrustView.Severity(TrustView.Rejected));
        Assert.Equal(0, TrustView.Severity(nameof(TrustDecision.Act)));
    }

    internal static LedgerEntry Entry(string receiver, string sender, SenderKind kind, string outcome, DateTimeOffset at)
    {
        var rejected = outcome == TrustView.Rejected;
        return new LedgerEntry(receiver, sender, kind, DemoPhase.Clean, at, at, "CAM", rejected ? ReceiveOutcome.Rejected : ReceiveOutcome.Accepted,
            rejected ? TrustDecision.Discard : Enum.Parse<TrustDecision>(outcome), rejected ? null : DecisionRow.AssuredNoAnomaly,
            rejected ? ReceiveStage.Replay : ReceiveStage.Decision, rejected ? ReceiveReason.Duplicate : ReceiveReason.None, null);
    }
}
