using Bench.Demo;

namespace Bench.Tests.Demo;

/// <summary>
/// The scenario's seeded choices (<see cref="ScenarioPlan"/>) of the posture phase (issue 14, Build 8): the OBU whose posture
/// turns critical is never the tampered one, a chosen one is taken as given, and the choices before it are as they were
/// (every part of a scenario draws them alike); <see cref="DemoOptions.PostureObu"/>'s limits.
/// </summary>
public class ScenarioPlanTests
{
    [Fact]
    public void The_seeded_posture_OBU_is_another_than_the_tampered_one_for_every_seed_and_count()
    {
        foreach (var obus in Enumerable.Range(4, 9))
        {
            foreach (var seed in Enumerable.Range(0, 50))
            {
                var plan = ScenarioPlan.Draw(Options(obus, seed));
                Assert.InRange(plan.Posture, 0, obus - 1);
                Assert.NotEqual(plan.Tampered, plan.Posture);
            }
        }
    }

    [Fact]
    public void A_chosen_posture_OBU_leaves_the_routes_and_the_tamper_as_drawn()
    {
        var seeded = ScenarioPlan.Draw(Options(6, 3) with { TamperedObu = 2 });
        var chosen = ScenarioPlan.Draw(Options(6, 3) with { TamperedObu = 2, PostureObu = 5 });

        Assert.Equal(4, chosen.Posture);
        Assert.Equal(1, chosen.Tampered);
        Assert.Equal(seeded.Routes, chosen.Routes);
    }

    public static TheoryData<string, int?, int?, bool> PostureOptions => new()
    {
        { "seeded (none chosen)", null, null, true },
        { "chosen beside a chosen tamper", 2, 3, true },
        { "the tampered OBU itself", 2, 2, false },
        { "chosen with a seeded tamper", null, 3, false },
        { "obu-0", 2, 0, false },
        { "beyond the OBUs", 2, 5, false },
    };

    [Theory]
    [MemberData(nameof(PostureOptions))]
    public void The_posture_OBU_is_checked_against_the_OBUs_and_the_tamper(string row, int? tampered, int? posture, bool valid)
    {
        var options = Options(4, 1) with { TamperedObu = tampered, PostureObu = posture };

        var error = Record.Exception(options.Validate);

        Assert.True(valid ? error is null : error is ArgumentException { ParamName: nameof(DemoOptions.PostureObu) }, $"{row}: {error?.Message ?? "valid"}");
    }

    private static DemoOptions Options(int obus, int seed) => new()
    {
        ObuCount = obus,
        Seed = seed,
        Duration = TimeSpan.FromSeconds(30),
        OutputDirectory = Path.Combine(Path.GetTempPath(), "never-written"),
    };
}
