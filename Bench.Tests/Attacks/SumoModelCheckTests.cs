using Bench.Attacks;
using Bench.Reporting;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;

namespace Bench.Tests.Attacks;

/// <summary>
/// The SUMO form of <c>model-revoked</c> (Bench/Attacks/SumoAttackRun.ModelCheck.cs) fed a recorded run: obu-1 to obu-3
/// exploited at 0 s, obu-4 untouched, obu-9 of another model receiving; revoked at 2 s; CRL refresh 10 s, so the bound is
/// 13 s. Each row holds or fails as named.
/// </summary>
public class SumoModelCheckTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20_000);

    private static LedgerEntry Frame(string sender, double seconds, bool accepted, ReceiveReason reason = ReceiveReason.None) =>
        new("obu-9", sender, SenderKind.Obu, DemoPhase.Clean, T0.AddSeconds(seconds), T0.AddSeconds(seconds), "CAM", accepted ? ReceiveOutcome.Accepted : ReceiveOutcome.Rejected,
            accepted ? TrustDecision.Act : TrustDecision.Discard, null, accepted ? ReceiveStage.Decision : ReceiveStage.Revocation, reason, null);

    private static SumoAttackRun.ModelFacts Facts(DateTimeOffset? revokedAt = null, IReadOnlyList<string>? exploited = null, string? lateStation = null, IReadOnlySet<string>? refused = null,
        IReadOnlySet<string>? newTicket = null)
    {
        var stations = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal) { ["obu-1"] = T0, ["obu-2"] = T0, ["obu-3"] = T0, ["obu-4"] = T0 };
        if (lateStation is not null)
        {
            stations[lateStation] = T0.AddSeconds(20);
        }

        return new SumoAttackRun.ModelFacts("IntegrityGuard 0.9", 3, T0, exploited ?? ["obu-1", "obu-2", "obu-3"], 4, stations, refused ?? new HashSet<string>(),
            newTicket ?? new HashSet<string>(), new HashSet<string>(["obu-1", "obu-2"]), revokedAt ?? T0.AddSeconds(2),
            "nanoFramework/IntegrityGuard 0.9-0.9 compromised (global detection): 4 station(s), 4 EC(s), 4 AT(s) revoked; 1 assessment(s) withdrawn", [T0.AddSeconds(1), T0.AddSeconds(1.5), T0.AddSeconds(2)], 3,
            TimeSpan.FromSeconds(10));
    }

    // obu-1 and obu-2 fall silent after their refresh; obu-3 and obu-4 are refused as Revoked from 12 s on, also after the bound.
    private static List<LedgerEntry> Held() =>
    [
        Frame("obu-1", 1, true), Frame("obu-2", 1, true), Frame("obu-3", 1, true), Frame("obu-4", 1, true),
        Frame("obu-3", 12, false, ReceiveReason.Revoked), Frame("obu-4", 12, false, ReceiveReason.Revoked),
        Frame("obu-3", 14, false, ReceiveReason.Revoked), Frame("obu-4", 14, false, ReceiveReason.Revoked),
    ];

    public static TheoryData<string, List<LedgerEntry>, SumoAttackRun.ModelFacts, bool, string> Rows => new()
    {
        { "held: refused or silent", Held(), Facts(), true, "untouched: obu-4 refused as Revoked" },
        { "an untouched station still accepted after the bound", [.. Held(), Frame("obu-4", 15, true)], Facts(), false, "1 frame(s) of the model accepted later than a CRL refresh after the revocation, at obu-9" },
        { "an untouched station heard after the bound, never refused as Revoked", [.. Held().Where(e => e.Sender != "obu-4"), Frame("obu-4", 14, false, ReceiveReason.UnknownSigner)], Facts(), false, "never refused as Revoked: obu-4" },
        { "not revoked", Held(), Facts() with { RevokedAt = null, Action = null }, false, "not revoked: 3 station(s) of the model reported" },
        { "fewer exploited than asked", Held(), Facts(exploited: ["obu-1", "obu-2"]), false, "only 4 OBU(s) of IntegrityGuard 0.9 on the air at the exploit, 3 to exploit: exploited 2" },
        { "a late departure of the model refused", Held(), Facts(lateStation: "obu-7", refused: new HashSet<string>(["obu-7"])), true, "1 departing later refused by the PKI" },
        { "a late departure of the model on the air", Held(), Facts(lateStation: "obu-7"), false, "on the air after the revocation: obu-7" },
        { "a station of the model with a new ticket", Held(), Facts(newTicket: new HashSet<string>(["obu-2"])), false, "got a new ticket: obu-2" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_SUMO_model_revoked_check_holds_or_fails_by_the_run(string row, List<LedgerEntry> entries, SumoAttackRun.ModelFacts facts, bool passed, string detail)
    {
        var (figures, check, _, bound) = SumoAttackRun.ModelRevoked(entries, facts);

        Assert.True(passed == check.Passed, $"{row}: {check.Detail}");
        Assert.Contains(detail, check.Detail, StringComparison.Ordinal);
        Assert.True(Bench.Scenarios.Files.ExpectationIds.Sumo["model-revoked"](check.Name), check.Name);
        Assert.False(Bench.Scenarios.Files.ExpectationIds.Sumo["other-models-unaffected"](check.Name), check.Name);
        Assert.True(Bench.Scenarios.Files.ExpectationIds.Sumo["other-models-unaffected"](SumoAttackRun.OtherModelsCheck));
        Assert.Equal(facts.RevokedAt is null ? null : T0.AddSeconds(13), bound);
        Assert.Equal(facts.RevokedAt is null ? null : 4, figures.StationsRevoked);
    }
}
