using Bench.Reporting;
using Firmware.Application.Decisions;
using Firmware.Application.Eebl;
using Firmware.Application.Receiving;
using V2x.Facilities.ItsContainer;
using V2x.Security;

namespace Bench.Tests.Reporting;

public class DecisionLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, ReceiveOutcome, string, double, int, SenderKind?, DemoPhase?> Rows => new()
    {
        { "accepted before the tamper: clean phase", ReceiveOutcome.Accepted, "127.0.0.1:1001", 1, 1, SenderKind.Obu, DemoPhase.Clean },
        { "arrived after the tamper: tampered phase", ReceiveOutcome.Accepted, "127.0.0.1:1001", 6, 1, SenderKind.Obu, DemoPhase.Tampered },
        { "arrived before, decided after the tamper: the arrival counts", ReceiveOutcome.Accepted, "127.0.0.1:1001", 4.9, 1, SenderKind.Obu, DemoPhase.Clean },
        { "rejected replay", ReceiveOutcome.Rejected, "127.0.0.1:1002", 2, 1, SenderKind.ExactReplay, DemoPhase.Clean },
        { "unknown source", ReceiveOutcome.Rejected, "127.0.0.1:9", 2, 1, SenderKind.Unknown, DemoPhase.Clean },
        { "deferred: no entry until decided", ReceiveOutcome.Deferred, "127.0.0.1:1001", 2, 0, null, null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Records_final_decisions_with_sender_and_phase(string row, ReceiveOutcome outcome, string source, double arrivalSeconds, int entries,
        SenderKind? kind, DemoPhase? phase)
    {
        var log = new MemoryStream();
        var ledger = new DecisionLedger(log);
        ledger.AddSource("127.0.0.1:1001", "obu-2", SenderKind.Obu);
        ledger.AddSource("127.0.0.1:1002", "attacker", SenderKind.ExactReplay);
        ledger.BeginTamperedPhase(T0.AddSeconds(5));

        ledger.Record("obu-1", Result(outcome, source, T0.AddSeconds(arrivalSeconds), T0.AddSeconds(Math.Max(arrivalSeconds, 5.1))));

        var recorded = ledger.Snapshot();
        ledger.Dispose();
        Assert.Equal(entries, recorded.Count);
        // The log's lines are written by the ledger's writer task: all of them once it is disposed.
        Assert.Equal(entries, System.Text.Encoding.UTF8.GetString(log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(entries == 0 ? 1 : 0, ledger.Deferred);
        if (entries == 1)
        {
            Assert.Equal(kind, recorded[0].Kind);
            Assert.Equal(phase, recorded[0].Phase);
            Assert.Equal(outcome == ReceiveOutcome.Accepted ? TrustDecision.Act : TrustDecision.Discard, recorded[0].Decision);
        }

        Assert.False(string.IsNullOrEmpty(row));
    }

    [Fact]
    public void Brake_requests_name_the_sender_by_the_ticket_the_ledger_saw_accepted()
    {
        var ledger = new DecisionLedger();
        ledger.AddSource("127.0.0.1:1001", "obu-2", SenderKind.Obu);
        ledger.Record("obu-1", Result(ReceiveOutcome.Accepted, "127.0.0.1:1001", T0, T0));

        ledger.RecordBrake("obu-1", Brake(new HashedId8(0x1122334455667788), cancelled: false));
        ledger.RecordBrake("obu-1", Brake(new HashedId8(0x99), cancelled: false));
        ledger.RecordBrake("obu-1", Brake(new HashedId8(0x1122334455667788), cancelled: true));

        Assert.Equal(["obu-2", new HashedId8(0x99).ToString()], ledger.Brakes().Select(b => b.Sender));
    }

    private static BrakeRequest Brake(HashedId8 sender, bool cancelled) =>
        new(T0, new ActionId(1, 1), sender, TrustDecision.Act, DecisionRow.AssuredNoAnomaly, BrakeResponse.Full, cancelled);

    private static ReceiveResult Result(ReceiveOutcome outcome, string source, DateTimeOffset received, DateTimeOffset decided) => new()
    {
        DecidedAt = decided,
        ReceivedAt = received,
        Source = source,
        Outcome = outcome,
        Stage = outcome == ReceiveOutcome.Accepted ? ReceiveStage.Decision : outcome == ReceiveOutcome.Deferred ? ReceiveStage.Signer : ReceiveStage.Replay,
        Reason = outcome switch
        {
            ReceiveOutcome.Accepted => ReceiveReason.None,
            ReceiveOutcome.Deferred => ReceiveReason.AwaitingCertificate,
            _ => ReceiveReason.Duplicate,
        },
        Decision = outcome switch
        {
            ReceiveOutcome.Accepted => TrustDecision.Act,
            ReceiveOutcome.Deferred => null,
            _ => TrustDecision.Discard,
        },
        Row = outcome == ReceiveOutcome.Accepted ? DecisionRow.AssuredNoAnomaly : null,
        Psid = Psid.Cam,
        Signer = new HashedId8(0x1122334455667788),
    };
}
