using System.Text.Json;
using System.Text.Json.Nodes;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Attacks;

/// <summary>
/// The attack library in the SUMO bench, end to end through <c>Bench scenario FILE</c> with a real sumo: the urban
/// junction, OBUs in vehicles 0, 1 and 2 (3 at once), 2 s scans, 30 s of simulation at pacing 4, keys in memory, no hub.
/// </summary>
[Collection(AttackRunCollection.Name)]
public class SumoAttackTests
{
    [Fact]
    public async Task Two_tampers_a_replay_and_a_reflection_in_SUMO_are_detected_and_refused_with_their_figures()
    {
        // Vehicle 0's application image is overwritten at 10 s (tampered firmware); vehicle 1's OBU gets a rogue process at 12 s; an attacker rides with vehicle 3 (no OBU) and replays what it hears from 6 s;
        // a reflector rides with vehicle 2 and sends its OBU's own frames back to it from 8 s; vehicle 4 carries a legacy station.
        var file = Write(SumoWith(r =>
        {
            r["name"] = "urban-attacks";
            r["mobility"]!["maxObus"] = 3;
            r["duration"] = 30;
            r["pacing"] = 4;
            r["scanPeriod"] = 2;
            r["hub"] = false;
            r.Remove("radio");
            foreach (var id in new[] { "0", "1", "2" })
            {
                Vehicles(r).Add(new JsonObject { ["id"] = id, ["equipment"] = "idf" });
            }

            Vehicles(r).Add(new JsonObject { ["id"] = "4", ["equipment"] = "legacy" });
            AttackList(r).Add(new JsonObject { ["kind"] = "tampered-firmware", ["target"] = "0", ["at"] = 10 });
            AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["target"] = "1", ["at"] = 12 });
            AttackList(r).Add(new JsonObject { ["kind"] = "replay", ["by"] = "3", ["at"] = 6 });
            AttackList(r).Add(new JsonObject { ["kind"] = "reflection", ["target"] = "2", ["at"] = 8 });
            r["expectations"] = new JsonObject
            {
                ["checks"] = new JsonArray("obus-started", "receivers-decide", "rejections-only-unknown-signer", "tamper-detected", "firmware-tamper-detected", "replays-rejected",
                    "reflection-refused", "legacy-conventional"),
                ["detectionWithin"] = 3,
                ["replaysAccepted"] = 0,
            };
        }, Urban));
        var (code, text, error, folder) = await RunAsync(file, Environment.GetEnvironmentVariable);
        Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
        Assert.Contains("scenario urban-attacks passed: 10 of 10 expectations held", text, StringComparison.Ordinal);
        Assert.Matches(@"\[pass\] legacy-conventional: legacy-1's frames take the legacy \(conventional\) path: legacy-1 in vehicle 4: [1-9]\d* accepted at 3 receivers, every one row Conventional", text);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        var attacks = summary.RootElement.GetProperty("attacks").EnumerateArray().ToList();
        var tamper = attacks.Single(a => a.GetProperty("attack").GetString() == "rogue-process");
        var firmware = attacks.Single(a => a.GetProperty("attack").GetString() == "tampered-firmware");
        var replay = attacks.Single(a => a.GetProperty("attack").GetString() == "replay");
        var reflection = attacks.Single(a => a.GetProperty("attack").GetString() == "reflection");
        // The two other OBUs were in range (no radio range) and both downgraded vehicle 1's OBU within the detection period (3 s).
        Assert.Equal(2, tamper.GetProperty("receiversInRange").GetInt32());
        Assert.All(tamper.GetProperty("delaysMs").EnumerateArray(), d => Assert.InRange(d.GetDouble(), 0, 3000));
        Assert.Equal(2, tamper.GetProperty("delaysMs").GetArrayLength());
        Assert.Equal(0, tamper.GetProperty("actedOnLate").GetInt32());

        // Vehicle 0's OBU (obu-1): both others discarded it (its compromise, row 4) within the detection period, and never decided it otherwise after.
        Assert.Equal(("obu-1", 2), (firmware.GetProperty("station").GetString(), firmware.GetProperty("receiversInRange").GetInt32()));
        Assert.All(firmware.GetProperty("delaysMs").EnumerateArray(), d => Assert.InRange(d.GetDouble(), 0, 3000));
        Assert.Equal(2, firmware.GetProperty("delaysMs").GetArrayLength());
        Assert.Equal(0, firmware.GetProperty("actedOnLate").GetInt32());
        Assert.Matches(@"attack tampered-firmware \(vehicle 0, obu-1, from 10\.0 s\): 2 receivers in range, 2 discarded it; detection delay first [0-9.]+ s, median [0-9.]+ s, last [0-9.]+ s; not discarded later than the detection period: 0", text);
        Assert.Matches(@"\[pass\] firmware-tamper-detected: firmware tamper: the messages of the OBU in vehicle 0 move from Act to Discard", text);
        Assert.True(replay.GetProperty("sent").GetInt64() > 0, text);
        Assert.True(replay.GetProperty("refused").GetInt64() > 0, text);
        Assert.Equal(0, replay.GetProperty("accepted").GetInt64());
        // The victim (vehicle 2's OBU, obu-3) refused every reflection of its own frames as its own; nobody accepted one.
        Assert.Equal("obu-3", reflection.GetProperty("station").GetString());
        Assert.True(reflection.GetProperty("refusedAsOwn").GetInt64() > 0, text);
        Assert.Equal(0, reflection.GetProperty("accepted").GetInt64());
        Assert.Contains("attack rogue-process (vehicle 1, obu-2, from 12.0 s): 2 receivers in range, 2 downgraded it; detection delay first", text, StringComparison.Ordinal);
    }
}
