using Bench.Reporting;
using Bench.Scenarios.Files;
using Firmware.Application.Decisions;
using Firmware.Application.Provisioning;
using Firmware.Application.Receiving;
using V2x.Integrity;

namespace Bench.Tests.Reporting;

/// <summary>
/// The compromised IDF model's two checks (<c>model-revoked</c>, <c>other-models-unaffected</c>), row by row: a run that shows
/// the model-wide revocation passes both; each failure row breaks one thing and the check it belongs to fails (a threshold
/// never reached, a receiver accepting a revoked station, a station given a new ticket, another model touched).
/// </summary>
public class ModelCompromiseChecksTests
{
    private static readonly DateTimeOffset Exploit = new(2026, 3, 1, 12, 0, 3, TimeSpan.Zero);
    private static readonly string[] Model = ["obu-1", "obu-2"];
    private static readonly string[] Others = ["obu-3", "obu-4"];

    public static TheoryData<string, bool, bool> Rows => new()
    {
        { "a run that shows the model-wide revocation", true, true },
        { "the threshold never reached: nothing revoked", false, true },
        { "a receiver accepts a model station after holding the CRL", false, true },
        { "a model station given a new ticket", false, true },
        { "the untouched model station never finds its own tickets", false, true },
        { "a receiver never holds the CRL and never rejects", false, true },
        { "the first Revoked after the bound", false, true },
        { "another model's OBU rejected as Revoked", true, false },
        { "another model's OBU no longer accepted", true, false },
        { "another model revoked too", true, false },
        { "another model's OBU finds its own tickets on a CRL", true, false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_row_passes_or_fails_its_check(string row, bool modelRevoked, bool othersUnaffected)
    {
        var (entries, facts) = Run(row);

        var (summary, checks) = SummaryBuilder.ModelCompromise(entries, facts);

        Assert.Equal(2, checks.Count);
        Assert.True(ExpectationIds.Route["model-revoked"](checks[0].Name) && !ExpectationIds.Route["other-models-unaffected"](checks[0].Name), row);
        Assert.True(ExpectationIds.Route["other-models-unaffected"](checks[1].Name) && !ExpectationIds.Route["model-revoked"](checks[1].Name), row);
        Assert.True(checks[0].Passed == modelRevoked, $"{row}: {checks[0].Detail}");
        Assert.True(checks[1].Passed == othersUnaffected, $"{row}: {checks[1].Detail}");
        Assert.Equal(["obu-2"], summary.Untouched);
    }

    [Fact]
    public void The_figures_come_from_the_run()
    {
        var (entries, facts) = Run("a run that shows the model-wide revocation");

        var (m, _) = SummaryBuilder.ModelCompromise(entries, facts);

        Assert.Equal((5000.0, 5010.0, 2, 2), (m.ThresholdReportAfterMs!.Value, m.RevokedAfterMs!.Value, m.StationsRevoked!.Value, m.TicketsRevoked!.Value));
        Assert.Equal(12500, m.LastFirstRevokedAfterMs);
        Assert.Equal(2, m.Pairs.Count(p => p.FirstRevokedAfterMs is not null));
        Assert.Equal(2, m.Pairs.Count(p => p.Silent));
    }

    // obu-1 (exploited) and obu-2 (untouched) run the model; obu-3 and obu-4 another. Revoked 5 s after the exploit; every OBU
    // holds the CRL at 12 s; obu-3 rejects both model stations as Revoked, at obu-4 they are silent (they retired their tickets first).
    private static (List<LedgerEntry>, ModelCompromiseFacts) Run(string row)
    {
        var entries = new List<LedgerEntry>();
        var all = Model.Concat(Others).ToArray();
        foreach (var r in all)
        {
            foreach (var s in all.Where(s => s != r))
            {
                entries.Add(Accepted(r, s, 1));
                entries.Add(Accepted(r, s, 11));
                if (Others.Contains(s))
                {
                    entries.Add(Accepted(r, s, 13));
                }
            }
        }

        foreach (var s in Model)
        {
            entries.Add(Rejected("obu-3", s, 12.5));
        }

        DateTimeOffset At(double seconds) => Exploit.AddSeconds(seconds);
        var holds = all.ToDictionary(o => o, _ => At(12), StringComparer.Ordinal);
        var own = Model.ToDictionary(o => o, _ => (At(12.1), new OwnRevocation(["0102030405060708"], true, null, null, "StationRevoked: runs a compromised model")), StringComparer.Ordinal);
        var facts = new ModelCompromiseFacts("IntegrityGuard 0.9", ["obu-1"], Model, Others, null, Exploit, TimeSpan.FromSeconds(32), 1,
            new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal) { ["obu-1"] = At(5) }, At(5.01),
            "nanoFramework/IntegrityGuard 0.9 compromised (global detection): 2 station(s), 2 EC(s), 2 AT(s) revoked; 1 assessment(s) withdrawn", [], holds, own);
        switch (row)
        {
            case "the threshold never reached: nothing revoked":
                entries.RemoveAll(e => e.Outcome == ReceiveOutcome.Rejected);
                facts = facts with { RevokedAt = null, Action = null, HoldsCrl = new Dictionary<string, DateTimeOffset>(), Own = new Dictionary<string, (DateTimeOffset, OwnRevocation)>() };
                break;
            case "a receiver accepts a model station after holding the CRL":
                entries.Add(Accepted("obu-4", "obu-2", 14));
                break;
            case "a model station given a new ticket":
                facts = facts with { Own = new Dictionary<string, (DateTimeOffset, OwnRevocation)>(own) { ["obu-1"] = (At(12.1), own["obu-1"].Item2 with { NewTicket = "1111111111111111", Refusal = null }) } };
                break;
            case "the untouched model station never finds its own tickets":
                facts = facts with { Own = own.Where(kv => kv.Key != "obu-2").ToDictionary(kv => kv.Key, kv => kv.Value) };
                break;
            case "a receiver never holds the CRL and never rejects":
                facts = facts with { HoldsCrl = holds.Where(kv => kv.Key != "obu-4").ToDictionary(kv => kv.Key, kv => kv.Value) };
                break;
            case "the first Revoked after the bound":
                facts = facts with { Bound = TimeSpan.FromSeconds(12.2) };
                break;
            case "another model's OBU rejected as Revoked":
                entries.Add(Rejected("obu-1", "obu-4", 12.6));
                break;
            case "another model's OBU no longer accepted":
                entries.RemoveAll(e => e.Receiver == "obu-2" && e.Sender == "obu-3" && e.DecidedAt > At(12));
                break;
            case "another model revoked too":
                facts = facts with { OtherRevocations = ["nanoFramework/IntegrityGuard@1.0 Done"] };
                break;
            case "another model's OBU finds its own tickets on a CRL":
                facts = facts with { Own = new Dictionary<string, (DateTimeOffset, OwnRevocation)>(own) { ["obu-3"] = own["obu-1"] } };
                break;
        }

        return (entries, facts);
    }

    private static LedgerEntry Accepted(string receiver, string sender, double seconds) =>
        new(receiver, sender, SenderKind.Obu, DemoPhase.Clean, Exploit.AddSeconds(seconds), Exploit.AddSeconds(seconds), "CAM", ReceiveOutcome.Accepted, TrustDecision.Act,
            DecisionRow.AssuredNoAnomaly, ReceiveStage.Decision, ReceiveReason.None, IntegrityLevel.NoAnomaly);

    private static LedgerEntry Rejected(string receiver, string sender, double seconds) =>
        new(receiver, sender, SenderKind.Obu, DemoPhase.Clean, Exploit.AddSeconds(seconds), Exploit.AddSeconds(seconds), "CAM", ReceiveOutcome.Rejected, TrustDecision.Discard,
            null, ReceiveStage.Revocation, ReceiveReason.Revoked, null);
}
