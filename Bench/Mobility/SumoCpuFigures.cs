using System.Globalization;

namespace Bench.Mobility;

/// <summary>
/// The bench process's CPU time per simulated second of a SUMO run (issue 15 item 3): the figure of "real time" that does
/// not depend on what else the machine runs (the wall-clock lag does). The process's total CPU time
/// (<see cref="Environment.CpuUsage"/>: user and kernel, every thread) is read once a simulated second; a second in
/// which some OBU was starting (board, partition, enrolment, ticket) counts as start-up, the others as steady state. At
/// pacing 1 a figure of <see cref="Cores"/> is the whole machine; sumo and the OS need some of it.
/// </summary>
/// <param name="Overall">CPU seconds per simulated second over the whole run (from the first step to the last).</param>
/// <param name="StartUp">CPU seconds per simulated second in the seconds with an OBU starting (null: none).</param>
/// <param name="StartUpSeconds">How many simulated seconds that was.</param>
/// <param name="Steady">CPU seconds per simulated second in the other seconds (null: none).</param>
/// <param name="SteadySeconds">How many simulated seconds that was.</param>
/// <param name="Busiest">The busiest simulated second's CPU seconds.</param>
/// <param name="Cores">The machine's cores (<see cref="Environment.ProcessorCount"/>).</param>
/// <param name="ObuStartUp">
/// The mean CPU time of one OBU's start-up (board, partition, enrolment, ticket, CRLs, up to its first CAM) on its own
/// account (Bench/Report/ObuCpu.cs; the PKI service's side is not in it), null when none started.
/// </param>
public sealed record SumoCpuFigures(double Overall, double? StartUp, int StartUpSeconds, double? Steady, int SteadySeconds, double Busiest, int Cores, double? ObuStartUp)
{
    /// <summary>The figures from the process's CPU time read once a simulated second.</summary>
    /// <param name="total">CPU time over the whole run.</param>
    /// <param name="simulatedSeconds">Simulated seconds of the run.</param>
    /// <param name="seconds">Each whole simulated second's CPU time and whether an OBU was starting in it.</param>
    /// <param name="obuStartUps">Each started OBU's CPU time on its own account when it went on the air.</param>
    public static SumoCpuFigures Of(TimeSpan total, double simulatedSeconds, IReadOnlyList<(TimeSpan Cpu, bool StartUp)> seconds, IReadOnlyList<TimeSpan> obuStartUps)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        ArgumentNullException.ThrowIfNull(obuStartUps);
        var startUp = seconds.Where(s => s.StartUp).ToList();
        var steady = seconds.Where(s => !s.StartUp).ToList();
        static double? Mean(List<(TimeSpan Cpu, bool StartUp)> s) => s.Count == 0 ? null : Math.Round(s.Average(x => x.Cpu.TotalSeconds), 3);
        return new SumoCpuFigures(simulatedSeconds > 0 ? Math.Round(total.TotalSeconds / simulatedSeconds, 3) : 0, Mean(startUp), startUp.Count, Mean(steady), steady.Count,
            seconds.Count == 0 ? 0 : Math.Round(seconds.Max(s => s.Cpu.TotalSeconds), 3), Environment.ProcessorCount,
            obuStartUps.Count == 0 ? null : Math.Round(obuStartUps.Average(t => t.TotalSeconds), 3));
    }

    /// <summary>One line for the summary.</summary>
    public string Render()
    {
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"bench CPU {Overall:0.00} s per simulated s ({Cores} cores)")
               + (StartUp is { } s ? string.Create(c, $"; OBU start-up {s:0.00} ({StartUpSeconds} s)") : string.Empty)
               + (Steady is { } d ? string.Create(c, $"; steady {d:0.00} ({SteadySeconds} s)") : string.Empty)
               + string.Create(c, $"; busiest second {Busiest:0.00}")
               + (ObuStartUp is { } o ? string.Create(c, $"; one OBU's start-up {o:0.000} s on its own account") : string.Empty);
    }
}
