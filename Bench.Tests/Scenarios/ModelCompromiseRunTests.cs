using System.Text.Json;
using Bench.Demo;
using Bench.Reporting;
using Bench.Scenarios.Files;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Scenarios;

/// <summary>
/// The compromised IDF model end to end (issue 15): Bench/Scenarios/idf-model-compromise.json through <c>Bench scenario FILE</c>
/// (45 s of the built-in route, 8 OBUs, keys in memory): three IntegrityGuard 0.9 OBUs exploited, their own reports through
/// their misbehaviour queues, the authority's global detection revoking the model, every receiver of IntegrityGuard 1.0
/// refusing every IntegrityGuard 0.9 station; and the same run with the vulnerability exploited on two OBUs only, below the
/// authority's threshold (run through the demo's options: the loader refuses such a file), whose model check must fail.
/// </summary>
public class ModelCompromiseRunTests
{
    [Fact]
    public async Task The_shipped_scenario_revokes_the_model_and_leaves_the_other_model_accepted()
    {
        var (code, text, error, folder) = await RunAsync(Write(File.ReadAllBytes(ModelFile)));

        Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
        Assert.Contains("[pass] model-revoked: ", text, StringComparison.Ordinal);
        Assert.Contains("[pass] other-models-unaffected: ", text, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        var model = summary.RootElement.GetProperty("model");
        Assert.Equal(["obu-1", "obu-2", "obu-3"], model.GetProperty("exploited").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["obu-4"], model.GetProperty("untouched").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(4, model.GetProperty("stationsRevoked").GetInt32());
        Assert.InRange(model.GetProperty("ticketsRevoked").GetInt32(), 4, int.MaxValue);
        Assert.Contains("1 assessment(s) withdrawn", model.GetProperty("action").GetString(), StringComparison.Ordinal);

        // The run report carries the same figures (report.json's model, a section of report.html).
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "report.json")));
        Assert.Equal(4, report.RootElement.GetProperty("model").GetProperty("stationsRevoked").GetInt32());
        Assert.Contains("<h2>Compromised IDF model IntegrityGuard 0.9</h2>", await File.ReadAllTextAsync(Path.Combine(folder, "report.html")), StringComparison.Ordinal);

        // The untouched obu-4 is refused as the exploited ones are: each found its ticket on the CRL and the EA gave none.
        foreach (var own in model.GetProperty("own").EnumerateArray())
        {
            Assert.True(own.GetProperty("retired").GetInt32() >= 1, own.ToString());
            Assert.False(own.TryGetProperty("newTicket", out _), own.ToString()); // summary.json leaves nulls out
            Assert.Contains("StationRevoked", own.GetProperty("refusal").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Below_the_authoritys_threshold_the_model_check_fails()
    {
        // The same scenario, 30 s, the vulnerability exploited on obu-1 and obu-2 only: two of the three distinct stations the
        // misbehaviour authority's implementation threshold needs.
        var scenario = ScenarioLoader.Load(ModelFile);
        var folder = Path.Combine(Path.GetDirectoryName(Write("{}"))!, "out");
        var options = ScenarioTranslation.ToDemoOptions(scenario, folder) with { Duration = TimeSpan.FromSeconds(30), TamperedObu = 5, PostureObu = 6 };
        options = options with { ModelCompromise = options.ModelCompromise! with { Exploited = [1, 2] } };
        using var output = new StringWriter();

        var summary = await new BenchDemo(options, output).RunAsync();

        var check = Assert.Single(summary.Expectations, e => ExpectationIds.Route["model-revoked"](e.Name));
        Assert.False(check.Passed, check.Detail);
        Assert.StartsWith("not revoked: 2 station(s) of the model reported", check.Detail, StringComparison.Ordinal);
        var model = Assert.IsType<ModelCompromiseSummary>(summary.Model);
        Assert.Null(model.RevokedAfterMs);
        Assert.All(model.Own, o => Assert.Null(o.NoticedAfterMs));
        Assert.True(Assert.Single(summary.Expectations, e => ExpectationIds.Route["other-models-unaffected"](e.Name)).Passed);
    }
}
