using System.Text.Json.Nodes;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Attacks;

/// <summary>
/// The reflection attack on the built-in route, end to end through <c>Bench scenario FILE</c>: the demo for 10 s of real
/// time with 2 s scans, keys in memory, no hub (the ghost and posture phases run as in every route demo), and a reflector sending obu-2's own frames back to it from 2 s.
/// </summary>
[Collection(AttackRunCollection.Name)]
public class RouteReflectionTests
{
    [Fact]
    public async Task A_reflection_on_the_route_is_refused_by_its_victim_as_its_own_and_by_the_others()
    {
        var file = Write(ShortRouteWith("reflection", r =>
        {
            AttackList(r)[3]!["target"] = "obu-3";
            AttackList(r).Add(new JsonObject { ["kind"] = "reflection", ["target"] = "obu-2", ["at"] = 2 });
            r["expectations"] = new JsonObject { ["checks"] = new JsonArray("replays-rejected", "reflection-refused"), ["replaysAccepted"] = 0 };
        }));
        var (code, text, error, folder) = await RunAsync(file);
        Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
        Assert.Contains("scenario reflection passed: 3 of 3 expectations held", text, StringComparison.Ordinal);
        Assert.Matches(@"\[pass\] reflection-refused: reflected frames are refused: obu-2 as its own, the others accept none altered or twice \(relays of frames a receiver missed are counted\): [1-9]\d* of obu-2's frames reflected; obu-2 refused (\d+) of \1 as its own \(OwnMessage\); .*; 0 accepted", text);
        Assert.True(File.Exists(Path.Combine(folder, "reflector", "reflector.pcap")));
    }
}
