using Bench.Reporting;

namespace Bench.Report;

/// <summary>The figures of the run report (report.json).</summary>
/// <param name="Run">How the run was set up.</param>
/// <param name="Passed">Whether every expectation held.</param>
/// <param name="Expectations">The demo's checks.</param>
/// <param name="DecisionsOverTime">Decisions per sender, second of the run and outcome, at every receiver together.</param>
/// <param name="Detection">From the tamper to the first mitigation decision, at each receiver.</param>
/// <param name="Rates">Decisions per second of the run at every receiver together: all, accepted, rejected.</param>
/// <param name="Sent">What each station put on the radio, and its mean rate.</param>
/// <param name="Replays">The replays' fate at each receiver.</param>
/// <param name="Cpu">The CPU time of each OBU's work (measured per thread, <see cref="ObuCpu"/>).</param>
/// <param name="Attacks">The attack frames at each receiver, by kind: sent, arrived, rejected, accepted, reasons.</param>
public sealed record RunReportData(
    RunInfo Run,
    bool Passed,
    IReadOnlyList<Expectation> Expectations,
    IReadOnlyList<SenderSecond> DecisionsOverTime,
    IReadOnlyList<DetectionDelay> Detection,
    IReadOnlyList<RateSecond> Rates,
    IReadOnlyList<StationRate> Sent,
    IReadOnlyList<ReplaysAtReceiver> Replays,
    IReadOnlyList<ObuCpuFigure> Cpu,
    IReadOnlyList<AttackOutcome> Attacks)
{
    /// <summary>A compromised IDF model's figures (the summary's; null: run without it).</summary>
    public ModelCompromiseSummary? Model { get; init; }
}
