using System.Globalization;

namespace Bench.Mobility;

/// <summary>
/// The bench process's CPU time per simulated second of a SUMO run (issue 15 item 3): the figure of "real time" that does
/// not depend on what else the machine runs (the wall-clock lag does). The process's total CPU time
/// (<see cref="Environment.CpuUsage"/>: user and kernel, every thread) is read once a simulated second; a second before
/// the run first had its most OBUs at once counts as filling up (OBUs starting: board, partition, enrolment, ticket),
/// the later ones as full (the most OBUs on the road; an arriving vehicle's place goes to the next departing one, so
/// start-ups go on at the traffic's rate: <see cref="ObuStartUp"/> is one's cost). At pacing 1 a figure of
/// <see cref="Cores"/> is the whole machine; sumo and the OS need some of it.
/// </summary>
/// <param name="Overall">CPU seconds per simulated second over the whole run (from the first step to the last).</param>
/// <param name="Filling">CPU seconds per simulated second while the OBUs were filling up (null: no such second).</param>
/// <param name="FillingSeconds">How many simulated seconds that was.</param>
/// <param name="Full">CPU seconds per simulated second once the run had its most OBUs at once (null: no such second).</param>
/// <param name="FullSeconds">How many simulated seconds that was.</param>
/// <param name="Busiest">The busiest simulated second's CPU seconds.</param>
/// <param name="Cores">The machine's cores (<see cref="Environment.ProcessorCount"/>).</param>
/// <param name="ObuStartUp">
/// The mean CPU time of one OBU's start-up (board, partition, enrolment, ticket, CRLs, up to its first CAM) on its own
/// account (Bench/Report/ObuCpu.cs; the PKI service's side is not in it), null when none started.
/// </param>
public sealed record SumoCpuFigures(double Overall, double? Filling, int FillingSeconds, double? Full, int FullSeconds, double Busiest, int Cores, double? ObuStartUp)
{
    /// <summary>The figures from the process's CPU time read once a simulated second.</summary>
    /// <param name="total">CPU time over the whole run.</param>
    /// <param name="simulatedSeconds">Simulated seconds of the run.</param>
    /// <param name="seconds">Each whole simulated second's CPU time and whether the run had had its most OBUs at once before it began.</param>
    /// <param name="obuStartUps">Each started OBU's CPU time on its own account when it went on the air.</param>
    public static SumoCpuFigures Of(TimeSpan total, double simulatedSeconds, IReadOnlyList<(TimeSpan Cpu, bool Full)> seconds, IReadOnlyList<TimeSpan> obuStartUps)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        ArgumentNullException.ThrowIfNull(obuStartUps);
        var filling = seconds.Where(s => !s.Full).ToList();
        var full = seconds.Where(s => s.Full).ToList();
        static double? Mean(List<(TimeSpan Cpu, bool Full)> s) => s.Count == 0 ? null : Math.Round(s.Average(x => x.Cpu.TotalSeconds), 3);
        return new SumoCpuFigures(simulatedSeconds > 0 ? Math.Round(total.TotalSeconds / simulatedSeconds, 3) : 0, Mean(filling), filling.Count, Mean(full), full.Count,
            seconds.Count == 0 ? 0 : Math.Round(seconds.Max(s => s.Cpu.TotalSeconds), 3), Environment.ProcessorCount,
            obuStartUps.Count == 0 ? null : Math.Round(obuStartUps.Average(t => t.TotalSeconds), 3));
    }

    /// <summary>One line for the summary.</summary>
    public string Render()
    {
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"bench CPU {Overall:0.00} s per simulated s ({Cores} cores)")
               + (Filling is { } f ? string.Create(c, $"; filling up with OBUs {f:0.00} ({FillingSeconds} s)") : string.Empty)
               + (Full is { } d ? string.Create(c, $"; with the most OBUs {d:0.00} ({FullSeconds} s)") : string.Empty)
               + string.Create(c, $"; busiest second {Busiest:0.00}")
               + (ObuStartUp is { } o ? string.Create(c, $"; one OBU's start-up {o:0.000} s on its own account") : string.Empty);
    }
}
