using Bench.Attacks;

namespace Bench.Tests.Attacks;

/// <summary>A SUMO flood's two checks from its figures (Bench/Attacks/SumoAttackRun.Floods.cs): each row holds or fails as named.</summary>
public class SumoFloodCheckTests
{
    // 200 frames sent at 20/s, 3 receivers reached, 600 decided, none accepted verified (4 unverified); 1000 genuine frames, 990 within 100 ms; queue peak 40.
    private static readonly SumoFloodFigures Held = new(20, 200, 3, 600, 0, 4, 650, 1000, 990, 42.5, 0, 40, 100);

    public static TheoryData<string, SumoFloodFigures?, double, bool, bool> Rows => new()
    {
        { "all held", Held, 0.95, true, true },
        { "a flood frame accepted after verification", Held with { FloodAccepted = 1 }, 0.95, false, true },
        { "flood frames accepted unverified (verify-on-demand, marked)", Held with { FloodAcceptedUnverified = 40 }, 0.95, true, true },
        { "a replay accepted during the flood", Held with { ReplaysAccepted = 1 }, 0.95, false, true },
        { "no receiver in range", Held with { ReceiversReached = 0, FloodDecided = 0 }, 0.95, false, false },
        { "nothing sent", Held with { FramesSent = 0 }, 0.95, false, false },
        { "94 % of the genuine frames in time", Held with { GenuineInTime = 940 }, 0.95, true, false },
        { "no genuine frame at the receivers", Held with { GenuineMeasured = 0, GenuineInTime = 0 }, 0.95, true, false },
        { "a receive queue at its capacity", Held with { PeakQueue = 2048 }, 0.95, true, false },
        { "an impossible bound (more than every frame)", Held with { GenuineInTime = 1000 }, 1.01, true, false },
        { "every frame in time at a bound of all", Held with { GenuineInTime = 1000 }, 1.0, true, true },
        { "no flooder on the air", null, 0.95, false, false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_flood_check_holds_or_fails_by_its_figures(string row, SumoFloodFigures? figures, double bound, bool refused, bool inTime)
    {
        var (r, t) = SumoAttackRun.FloodExpectations("valid-ticket-flood", "n.60", figures, bound);

        Assert.True((refused, inTime) == (r.Passed, t.Passed), $"{row}: refused {r.Passed} ({r.Detail}), in time {t.Passed} ({t.Detail})");
        Assert.Equal("flood: valid-ticket-flood riding with vehicle n.60: the receivers in its range accept no flood frame after verifying it and no replay", r.Name);
        Assert.True(Bench.Scenarios.Files.ExpectationIds.Sumo["flood-refused"](r.Name), r.Name);
        Assert.True(Bench.Scenarios.Files.ExpectationIds.Sumo["flood-in-time"](t.Name), t.Name);
        Assert.False(Bench.Scenarios.Files.ExpectationIds.Sumo["flood-refused"](t.Name), t.Name);
    }
}
