using System.Text.Json;
using System.Text.Json.Nodes;
using Bench.Demo;
using Bench.Mobility;
using Bench.Scenarios.Files;
using Testing;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Attacks;

/// <summary>
/// A posture turning critical and the two floods in the SUMO bench, end to end with a real sumo: the urban junction,
/// OBUs in vehicles 0, 1 and 2 (3 at once), no radio range, keys in memory, no hub, 30 s of simulation: the posture run
/// in real time (its bound leaves 1 s of simulation for the poll's exchange, wall time), the others at twice real time
/// (the OBUs are on the air after about 8 s of simulation).
/// </summary>
[Collection(AttackRunCollection.Name)]
public class SumoPostureFloodTests
{
    [Fact]
    public async Task A_posture_turning_critical_in_SUMO_is_acted_on_with_caution_by_every_receiver_in_range()
    {
        // Vehicle 1's OBU runs curl 8.3.0; at 18 s the posture server imports the advisory; its next poll (every 5 s) answers critical.
        var file = Write(UrbanRun("urban-posture", r =>
        {
            AttackList(r).Add(new JsonObject { ["kind"] = "posture-critical", ["target"] = "1", ["at"] = 18 });
            r["expectations"] = new JsonObject { ["checks"] = new JsonArray("obus-started", "receivers-decide", "posture-mitigated") };
        }));

        var (code, text, error, folder) = await RunAsync(file, Environment.GetEnvironmentVariable);

        Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
        Assert.Contains("scenario urban-posture passed: 3 of 3 expectations held", text, StringComparison.Ordinal);
        Assert.Contains("the OBUs poll it every 5 s, signed by their enrolment credentials, encrypted for its certificate; detection period 7 s", text, StringComparison.Ordinal);
        Assert.Matches(@"attack posture-critical \(vehicle 1, obu-2, from 18\.0 s\): advisory CVE-2023-38545 curl 9\.8; obu-2's poll answered critical [0-9.]+ s after it; 2 receivers in range, first critical frame after [0-9.]+ s \(first\), [0-9.]+ s \(last\); frames after the detection period not acted on with caution \(P1\): 0", text);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        var posture = summary.RootElement.GetProperty("attacks").EnumerateArray().Single(a => a.GetProperty("attack").GetString() == "posture-critical").GetProperty("posture");
        Assert.Equal("obu-2", posture.GetProperty("obu").GetString());
        var receivers = posture.GetProperty("atReceivers").EnumerateArray().ToList();
        Assert.Equal(["obu-1", "obu-3"], receivers.Select(r => r.GetProperty("receiver").GetString()));
        Assert.All(receivers, r => Assert.Equal("ActWithCaution", r.GetProperty("decision").GetString()));
        Assert.All(receivers, r => Assert.Equal("CriticalWeakness", r.GetProperty("row").GetString()));
    }

    [Fact]
    public async Task The_posture_check_fails_when_the_targets_OBU_never_polls_after_the_advisory()
    {
        // Every OBU polls at start and then every 600 s: the advisory at 20 s reaches no poll within the 30 s run.
        using var output = new StringWriter();
        var folder = Path.Combine(TestInfra.NewTempDirectory("sumo-posture"), "out");
        var options = new DemoOptions
        {
            OutputDirectory = folder,
            Duration = TimeSpan.FromSeconds(30),
            ScanPeriod = TimeSpan.FromSeconds(2),
            Sumo = new SumoSettings
            {
                Configuration = Urban,
                Pacing = 2,
                MaxObus = 3,
                EquippedVehicles = new HashSet<string>(["0", "1", "2"], StringComparer.Ordinal),
                Attacks = [new(Bench.Attacks.SumoAttackKind.PostureCritical, "1", TimeSpan.FromSeconds(20))],
                PosturePeriod = TimeSpan.FromMinutes(10),
            },
        };

        var summary = await new SumoBench(options, output).RunAsync();

        var check = summary.Expectations.Single(e => ExpectationIds.Sumo["posture-mitigated"](e.Name));
        Assert.False(check.Passed, output.ToString());
        Assert.StartsWith("obu-2's poll did not answer critical within 601 s of the advisory (never)", check.Detail, StringComparison.Ordinal);
        Assert.Contains("posture: the posture server imports PostureServer/Samples/cve5-records.json at 20.0 s: CVE-2023-38545 curl 9.8", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_floods_in_SUMO_are_refused_at_the_receivers_in_range_with_their_load_figures()
    {
        // A forged-signature flooder rides with vehicle 3, a valid-ticket flooder with vehicle 4 (no OBUs), 20 frames/s each from 16 s to 26 s.
        var file = Write(UrbanRun("urban-floods", r =>
        {
            AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["by"] = "3", ["at"] = 16, ["until"] = 26, ["rate"] = 20 });
            AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["by"] = "4", ["at"] = 16, ["until"] = 26, ["rate"] = 20 });
            // The load check (genuine frames within 100 ms) is the machine's as much as the receivers': the quiet machine's figure (Docs/bench.md), not this test's.
            r["expectations"] = new JsonObject { ["checks"] = new JsonArray("obus-started", "flood-refused") };
        }));

        var (code, text, error, folder) = await RunAsync(file, Environment.GetEnvironmentVariable);

        Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
        Assert.Contains("scenario urban-floods passed: 2 of 2 expectations held", text, StringComparison.Ordinal);
        Assert.Contains("forged-signature-flood at 16 s to 26 s riding with 3; valid-ticket-flood at 16 s to 26 s riding with 4", text, StringComparison.Ordinal);
        Assert.Matches(@"\[(ok|FAILED)\] flood load: valid-ticket-flood riding with vehicle 4: the receivers in its range decide the genuine frames within 100 ms", text);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        foreach (var (kind, station) in new[] { ("forged-signature-flood", "flooder-forged"), ("valid-ticket-flood", "flooder-valid") })
        {
            var attack = summary.RootElement.GetProperty("attacks").EnumerateArray().Single(a => a.GetProperty("attack").GetString() == kind);
            var flood = attack.GetProperty("flood");
            Assert.Equal(station, attack.GetProperty("station").GetString());
            // 10 s at 20 frames/s (the last tick may not have gone out before the end).
            Assert.InRange(flood.GetProperty("framesSent").GetInt64(), 190, 200);
            Assert.Equal(3, flood.GetProperty("receiversReached").GetInt32());
            Assert.Equal(0, flood.GetProperty("floodAccepted").GetInt64());
            Assert.Equal(0, flood.GetProperty("replaysAccepted").GetInt64());
            Assert.True(flood.GetProperty("floodDecided").GetInt64() > 0, text);
            Assert.True(flood.GetProperty("verifications").GetInt64() > 0, text);
            Assert.True(flood.GetProperty("genuineMeasured").GetInt64() > 0, text);
            Assert.NotEqual(JsonValueKind.Null, flood.GetProperty("p99Ms").ValueKind);
            Assert.Matches($@"attack {kind} \(vehicle [34], {station}, from 16\.0 s\): (19\d|200) frames sent at 20/s; 3 receivers reached, \d+ decided, 0 accepted verified, \d+ unverified; their ECDSA verifications \d+; genuine frames \d+ of \d+ \([0-9.]+ %\) within 100 ms, p99 [0-9.]+ ms; replays accepted 0; peak receive queue \d+", text);
        }
    }

    [Fact]
    public async Task A_SUMO_flood_without_its_vehicle_is_refused_with_one_message_and_exit_2()
    {
        var file = Write(UrbanRun("urban-flood-bad", r => AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 16, ["until"] = 26 })));

        var (code, text, error, _) = await RunAsync(file);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, text);
        Assert.Contains("$.attacks[0].by: a SUMO scenario's valid-ticket-flood names the SUMO vehicle the flooder rides with ('by'; only receivers in its radio range hear it)", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("$.attacks", StringComparison.Ordinal));
    }

    // The urban junction, OBUs in vehicles 0, 1 and 2, 30 s at pacing 2 (posture: 1), 2 s scans, no range, no hub.
    private static string UrbanRun(string name, Action<JsonObject> change) => SumoWith(r =>
    {
        r["name"] = name;
        r["mobility"]!["maxObus"] = 3;
        r["duration"] = 30;
        r["pacing"] = name == "urban-posture" ? 1 : 2;
        r["scanPeriod"] = 2;
        r["hub"] = false;
        r.Remove("radio");
        foreach (var id in new[] { "0", "1", "2" })
        {
            Vehicles(r).Add(new JsonObject { ["id"] = id, ["equipment"] = "idf" });
        }

        change(r);
    }, Urban);
}
