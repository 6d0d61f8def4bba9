using System.Diagnostics;
using Testing;

namespace Bench.Tests.Mobility;

/// <summary>The committed SUMO scenarios are exactly what scripts/sumo-scenarios.sh makes with SUMO's tools.</summary>
public class SumoScenarioTests
{
    [Fact]
    public async Task The_script_regenerates_the_committed_scenarios_byte_for_byte()
    {
        var committed = Path.Combine(TestInfra.RepoRoot, "Bench", "Scenarios", "Sumo");
        var made = TestInfra.NewTempDirectory("sumo-scenarios");
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(TestInfra.RepoRoot, "scripts", "sumo-scenarios.sh"));
        start.ArgumentList.Add(made);
        using var script = Process.Start(start)!;
        var stderr = script.StandardError.ReadToEndAsync();
        await script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(script.ExitCode == 0, $"sumo-scenarios.sh failed: {await stderr}");
        var expected = Directory.GetFiles(committed, "*.xml", SearchOption.AllDirectories).Concat(Directory.GetFiles(committed, "*.sumocfg", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(committed, f)).Order(StringComparer.Ordinal).ToList();
        var actual = Directory.GetFiles(made, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(made, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(11, expected.Count);
        Assert.All(expected, f => Assert.True(File.ReadAllBytes(Path.Combine(committed, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(made, f))), $"{f} differs"));
    }
}
