using Bench.Demo;
using PkiProtocol.Audit;

namespace Bench.Tests.Demo;

/// <summary>
/// The demo's own limits on IDF models and a compromised model (<see cref="DemoOptions.IdfModels"/>,
/// <see cref="DemoOptions.ModelCompromise"/>): one model per OBU, the exploit on OBUs of its model, another model left to
/// reject it, the demo's other attacks on other models, the revocation before the run's last CRL refresh, one process on
/// the built-in route.
/// </summary>
public class ModelCompromiseOptionsTests
{
    private static readonly IdfImplementation Old = new(DemoPki.ObuIdf.Vendor, DemoPki.ObuIdf.Product, "0.9");

    public static TheoryData<string, bool> Rows => new()
    {
        { "three of four 0.9 OBUs exploited at 3 s of 45 s", true },
        { "a model list shorter than the OBUs", false },
        { "an exploited OBU of the other model", false },
        { "an exploited OBU listed twice", false },
        { "every OBU of the model", false },
        { "the tamper on the model", false },
        { "the posture on the model", false },
        { "a seeded tamper", false },
        { "exploited at 14 s of 45 s (after the latest, 13 s)", false },
        { "as a part of a scenario over processes", false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_options_are_checked(string row, bool valid)
    {
        IdfImplementation[] models = [Old, Old, Old, Old, DemoPki.ObuIdf, DemoPki.ObuIdf];
        var options = new DemoOptions
        {
            ObuCount = 6,
            Duration = TimeSpan.FromSeconds(45),
            OutputDirectory = Path.Combine(Path.GetTempPath(), "never-written"),
            TamperedObu = 5,
            PostureObu = 6,
            IdfModels = models,
            ModelCompromise = new ModelCompromisePlan(Old, [1, 2, 3], TimeSpan.FromSeconds(3)),
        };
        options = row switch
        {
            "a model list shorter than the OBUs" => options with { IdfModels = models[..5] },
            "an exploited OBU of the other model" => options with { ModelCompromise = options.ModelCompromise! with { Exploited = [1, 2, 5] } },
            "an exploited OBU listed twice" => options with { ModelCompromise = options.ModelCompromise! with { Exploited = [1, 2, 2] } },
            "every OBU of the model" => options with { IdfModels = [.. Enumerable.Repeat(Old, 6)] },
            "the tamper on the model" => options with { TamperedObu = 4 },
            "the posture on the model" => options with { PostureObu = 4 },
            "a seeded tamper" => options with { TamperedObu = null, PostureObu = null },
            "exploited at 14 s of 45 s (after the latest, 13 s)" => options with { ModelCompromise = options.ModelCompromise! with { At = TimeSpan.FromSeconds(14) } },
            "as a part of a scenario over processes" => options with { Part = new DemoPart(1, 2), RadioPort = 40000, SharedPki = "/nonexistent" },
            _ => options,
        };

        var error = Record.Exception(options.Validate);

        Assert.True(valid ? error is null : error is ArgumentException { ParamName: nameof(DemoOptions.ModelCompromise) or nameof(DemoOptions.IdfModels) },
            $"{row}: {error?.Message ?? "valid"}");
    }
}
