using System.Text.Json.Nodes;
using Bench.Reporting;
using Bench.Scenarios.Files;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Scenarios;

/// <summary>A scenario's expectations against a run's checks and figures: each row one that holds or one that does not.</summary>
public class ScenarioVerdictTests
{
    // The demo's checks as SummaryBuilder names them.
    private static List<Expectation> DemoChecks(bool replaysOk = true) =>
    [
        new("clean phase: every OBU acts on every other OBU's messages", true, ""),
        new("tampered phase: obu-2's messages move from Act to a mitigation decision at every receiver within one detection period (6 s)", true, ""),
        new("tampered phase: the untampered OBUs are still acted on (obu-1 until its posture is critical)", true, ""),
        new("every replayed frame is rejected (exact replays and altered counters)", replaysOk, ""),
        new("legacy-1's frames take the legacy (conventional) path", true, ""),
        new("every OBU's EEBL DENM reaches every other OBU in each phase", true, ""),
        new("the hub holds obu-2's anomaly summary", true, ""),
        new("posture: obu-1's posture turns critical (curl 8.3.0); every receiver acts on it with caution (row P1) within 3 s of the advisory and never fully again", true, ""),
        new("ghost-1 (false CAMs at 120 m/s) is reported by every OBU, revoked by the misbehaviour authority, then rejected as Revoked by every OBU", true, ""),
        new("no genuine station is found by the receivers' misbehaviour detection, reported or revoked", true, ""),
    ];

    private static DemoSummary Summary(double?[] delaysMs, int replaysAccepted) => new()
    {
        Run = null!,
        Decisions = [],
        Detection = [.. delaysMs.Select((d, i) => new DetectionDelay($"obu-{i + 1}", null, d, "PrepareOnly", "AssuredHighAnomaly", 0))],
        Replays = new ReplaySummary(10, 5, 5, [new ReplaysAtReceiver("obu-1", SenderKind.ExactReplay, 5, 5 - replaysAccepted, replaysAccepted, new Dictionary<string, int>())]),
        Legacy = [],
        Brakes = [],
        Sent = [],
        Pcaps = [],
        Expectations = DemoChecks(),
    };

    public static TheoryData<string, string, bool, string> Rows => new()
    {
        { "all held", DemoWith(_ => { }), true, "" },
        { "a replay accepted", DemoWith(_ => { }), false, "replaysAccepted" },
        { "detection later than the file allows", DemoWith(r => r["expectations"]!["detectionWithin"] = 5), false, "detectionWithin" },
        { "a check by id that failed", DemoWith(r => r["expectations"]!["checks"] = new JsonArray("replays-rejected")), false, "replays-rejected" },
        { "a check by id that held", DemoWith(r => { r["expectations"]!["checks"] = new JsonArray("tamper-detected", "legacy-conventional"); r["expectations"]!.AsObject().Remove("replaysAccepted"); }), true, "" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_files_expectations_hold_or_name_the_one_that_did_not(string row, string content, bool passed, string failing)
    {
        var scenario = ScenarioLoader.Load(Write(content));
        var replayAccepted = row == "a replay accepted";
        var checks = DemoChecks(replaysOk: !replayAccepted && row != "a check by id that failed");

        var outcomes = ScenarioVerdict.Evaluate(scenario, checks, Summary([4200, 5100, 3900, 4700], replayAccepted ? 1 : 0), flood: null);

        Assert.Equal(passed, outcomes.All(o => o.Passed));
        if (!passed)
        {
            Assert.Contains(failing, outcomes.Where(o => !o.Passed).Select(o => o.Check));
        }
        Assert.False(string.IsNullOrEmpty(row));
    }

    [Fact]
    public void All_names_every_check_by_its_id()
    {
        var outcomes = ScenarioVerdict.Evaluate(ScenarioLoader.Load(DemoFile), DemoChecks(), Summary([4000, 4000, 4000, 4000], 0), flood: null);

        // demo.json schedules no reflection and no compromised model and its tamper is a rogue process, so its run has no
        // reflection check, no model checks and no firmware check.
        Assert.Equal([.. ExpectationIds.Route.Keys.Where(k => k is not "reflection-refused" and not "firmware-tamper-detected" and not "model-revoked" and not "other-models-unaffected"),
                "detectionWithin", "replaysAccepted"],
            outcomes.Select(o => o.Check));
    }

    [Fact]
    public void Each_tamper_check_is_found_by_its_own_id_and_only_by_it()
    {
        var detection = TimeSpan.FromSeconds(6);
        RunInfo Run(string tamper) => new(default, default, default, 4, 1, "obu-2", 5, 6, "memory", "", "", "", 0, "", null, Tamper: tamper);
        var names = new[]
        {
            (ExpectationIds.Route, "tamper-detected", SummaryBuilder.TamperCheck(Run("rogue-process"), detection)),
            (ExpectationIds.Route, "firmware-tamper-detected", SummaryBuilder.TamperCheck(Run("tampered-firmware"), detection)),
            (ExpectationIds.Sumo, "tamper-detected", Bench.Attacks.SumoAttackRun.TamperCheck("n.40", detection, Bench.Stations.TamperFault.RogueProcess)),
            (ExpectationIds.Sumo, "firmware-tamper-detected", Bench.Attacks.SumoAttackRun.TamperCheck("s.41", detection, Bench.Stations.TamperFault.TamperedFirmware)),
        };

        foreach (var (ids, id, name) in names)
        {
            Assert.Equal([id], ids.Where(p => p.Value(name)).Select(p => p.Key));
        }
    }

    [Fact]
    public void A_receiver_that_never_mitigated_fails_the_detection_limit()
    {
        var outcomes = ScenarioVerdict.Evaluate(ScenarioLoader.Load(DemoFile), DemoChecks(), Summary([4000, null, 4000, 4000], 0), flood: null);

        var detection = Assert.Single(outcomes, o => o.Check == "detectionWithin");
        Assert.False(detection.Passed);
        Assert.Contains("obu-2 never", detection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secure and in time", true, 0.97, true)]
    [InlineData("a verified forgery accepted", false, 0.97, false)]
    [InlineData("too few genuine frames in time", true, 0.80, false)]
    public void The_flood_receivers_figures_against_the_file(string row, bool secure, double inTime, bool passed)
    {
        var scenario = ScenarioLoader.Load(Write(DemoWith(r =>
        {
            AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["at"] = 1, ["until"] = 11 });
            r["expectations"]!["checks"] = new JsonArray("flood-secure");
            r["expectations"]!["floodInTimeAtLeast"] = 0.95;
        })));

        var outcomes = ScenarioVerdict.Evaluate(scenario, DemoChecks(), Summary([4000, 4000, 4000, 4000], 0), (secure, inTime));

        Assert.Equal(passed, outcomes.All(o => o.Passed));
        Assert.False(string.IsNullOrEmpty(row));
    }
}
