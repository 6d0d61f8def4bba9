using Hardware.Positioning;

namespace Bench.Demo;

/// <summary>
/// The seeded choices of a demo scenario, drawn in one order so that every process running a part of it
/// (<see cref="DemoPart"/>) makes the same ones as <see cref="BenchDemo"/> does for the whole: where each vehicle starts
/// on the block's loop (the OBUs, then the legacy station, spread evenly in a seeded order: two cars on one spot would be
/// a Sybil to the receivers' misbehaviour detection, TS 103 759, and rightly so), then which OBU is tampered, then which
/// other OBU's posture turns critical (issue 14, Build 8).
/// </summary>
/// <param name="Names">The OBUs' names, <c>obu-1</c> … <c>obu-N</c>.</param>
/// <param name="Routes">Each vehicle's slot on the loop (the OBUs by index, then the legacy station last).</param>
/// <param name="Tampered">The index of the OBU tampered half-way (a scenario file's <c>target</c>, else the seeded choice).</param>
/// <param name="Posture">The index of the OBU that has not updated its curl, whose posture turns critical half-way
/// (<see cref="DemoPosture"/>; a scenario file's <c>posture-critical</c> target, else a seeded choice among the others).</param>
internal sealed record ScenarioPlan(IReadOnlyList<string> Names, IReadOnlyList<(int Slot, int Of)> Routes, int Tampered, int Posture)
{
    /// <summary>Draws the plan of <paramref name="options"/>' seed and OBU count.</summary>
    public static ScenarioPlan Draw(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var choices = new Random(options.Seed);
        var vehicles = options.ObuCount + 1;
        var draws = Enumerable.Range(0, vehicles).Select(i => (Key: choices.Next(SimulatedRoute.MunichBlock.Count), Vehicle: i)).ToList();
        var slots = new int[vehicles];
        foreach (var (slot, draw) in draws.OrderBy(d => d.Key).ThenBy(d => d.Vehicle).Select((d, slot) => (slot, d)))
        {
            slots[draw.Vehicle] = slot;
        }

        var routes = slots.Select(slot => (Slot: slot, Of: vehicles)).ToList();
        var seeded = choices.Next(options.ObuCount); // drawn either way, so a scenario's target leaves later seeded choices as they were
        var tampered = options.TamperedObu is { } target ? target - 1 : seeded;
        var other = options.ObuCount > 1 ? (tampered + 1 + choices.Next(options.ObuCount - 1)) % options.ObuCount : tampered;
        var posture = options.PostureObu is { } critical ? critical - 1 : other;
        return new ScenarioPlan([.. Enumerable.Range(1, options.ObuCount).Select(i => $"obu-{i}")], routes, tampered, posture);
    }
}
