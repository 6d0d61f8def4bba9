using System.Text.Json;
using System.Text.Json.Nodes;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Attacks;

/// <summary>
/// The ghost vehicle in the SUMO bench, end to end through <c>Bench scenario FILE</c> with a real sumo: the urban junction,
/// 40 s of simulation at pacing 4, 2 s scans, keys in memory, no hub; the ghost station rides with vehicle 3 (no OBU) from
/// 5 s. With three OBUs hearing it (the misbehaviour authority's observation threshold is 3 reporting stations) it is
/// found, reported, revoked and, after the receivers' CRL refresh (10 s), refused as Revoked; with two it is never revoked
/// and <c>ghost-revoked</c> fails. Neither run may find, report or revoke a genuine vehicle.
/// </summary>
[Collection(AttackRunCollection.Name)]
public class SumoGhostTests
{
    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public async Task The_ghost_riding_with_a_SUMO_vehicle_is_revoked_and_refused_only_when_enough_receivers_report_it(int obus, bool revoked)
    {
        var file = Write(SumoWith(r =>
        {
            r["name"] = "urban-ghost";
            r["mobility"]!["maxObus"] = obus;
            r["duration"] = 40;
            r["pacing"] = 4;
            r["scanPeriod"] = 2;
            r["hub"] = false;
            r.Remove("radio");
            foreach (var id in new[] { "0", "1", "2" }.Take(obus))
            {
                Vehicles(r).Add(new JsonObject { ["id"] = id, ["equipment"] = "idf" });
            }

            AttackList(r).Add(new JsonObject { ["kind"] = "ghost-vehicle", ["by"] = "3", ["at"] = 5 });
            r["expectations"] = new JsonObject { ["checks"] = new JsonArray("obus-started", "receivers-decide", "rejections-only-unknown-signer", "ghost-revoked", "no-genuine-reported") };
        }, Urban));

        var (code, text, error, folder) = await RunAsync(file, Environment.GetEnvironmentVariable);

        Assert.Matches(@"ghost: ghost-1 \(a valid ticket\) on the air with vehicle 3 at", text);
        Assert.Contains("[pass] no-genuine-reported: ", text, StringComparison.Ordinal);
        Assert.Contains("the ghost (ghost-1) is the attack's, not counted", text, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        var ghost = summary.RootElement.GetProperty("attacks").EnumerateArray().Single(a => a.GetProperty("attack").GetString() == "ghost-vehicle");
        var g = ghost.GetProperty("ghost");
        Assert.True(ghost.GetProperty("sent").GetInt64() > 0, text);
        // Every OBU heard it (no range) and each one's local detection found it.
        Assert.Equal(obus, ghost.GetProperty("receiversInRange").GetInt32());
        Assert.Equal(obus, g.GetProperty("foundBy").GetInt32());
        if (revoked)
        {
            Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
            Assert.Contains("scenario urban-ghost passed: 5 of 5 expectations held", text, StringComparison.Ordinal);
            Assert.Contains("[pass] ghost-revoked: ghost vehicle: the ghost riding with vehicle 3", text, StringComparison.Ordinal);
            Assert.Equal(3, g.GetProperty("reporters").GetInt32());
            // The revocation comes with the third reporter's report, on the simulation clock's step (0.1 s): no earlier than the first.
            Assert.True(g.GetProperty("revokedAfterMs").GetDouble() >= g.GetProperty("firstReportAfterMs").GetDouble(), text);
            Assert.True(g.GetProperty("lastRefusedAfterMs").GetDouble() > g.GetProperty("revokedAfterMs").GetDouble(), text);
            Assert.True(g.GetProperty("refusedAsRevoked").GetInt64() > 0, text);
            Assert.Equal(0, g.GetProperty("acceptedAfterRefresh").GetInt64());
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("attack ghost-vehicle", StringComparison.Ordinal)) ?? text;
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(line, @"^attack ghost-vehicle \(vehicle 3, ghost-1, from [0-9.]+ s\): \d+ false CAMs; heard by 3 OBUs, found by 3; first finding after [0-9.]+ s, first report at the authority after [0-9.]+ s, revoked after [0-9.]+ s \(3 reporters\); first Revoked at the last receiver that heard it after [0-9.]+ s; [1-9]\d* frames refused as Revoked, 0 accepted after a CRL refresh"), line);
        }
        else
        {
            Assert.Equal(1, code);
            Assert.Contains("[FAIL] ghost-revoked: ghost vehicle: the ghost riding with vehicle 3", text, StringComparison.Ordinal);
            Assert.Matches(@"not revoked: heard by 2 OBUs, \d+ report\(s\) about it counted from 2 station\(s\)", text);
            Assert.False(g.TryGetProperty("revokedAfterMs", out _), text);
            Assert.Equal(0, g.GetProperty("refusedAsRevoked").GetInt64());
        }
    }
}
