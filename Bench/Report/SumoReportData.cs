using Bench.Mobility;

namespace Bench.Report;

/// <summary>The figures of a SUMO run's report (report.json).</summary>
/// <param name="Summary">The run's summary (its checks, the OBUs, the radio).</param>
/// <param name="Load">Each receiver's load per second of the run.</param>
/// <param name="Receivers">Each receiver's load over its time on the air: mean and peak frames heard and verified per second.</param>
/// <param name="Cpu">The CPU time of each OBU's work (measured per thread, <see cref="ObuCpu"/>), its share over its time in the run.</param>
/// <param name="CpuNote">How the CPU time is measured.</param>
public sealed record SumoReportData(
    SumoRunSummary Summary,
    IReadOnlyList<ReceiverSecond> Load,
    IReadOnlyList<ReceiverLoad> Receivers,
    IReadOnlyList<ObuCpuFigure> Cpu,
    string CpuNote);

