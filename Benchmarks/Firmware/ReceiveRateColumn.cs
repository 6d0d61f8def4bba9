using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Benchmarks.Columns;

namespace Benchmarks.Firmware;

/// <summary>
/// Messages per second of a receive-path benchmark and its rate against the raw ECDsa P-256 verify baseline of
/// its category in the same run (raw median / this median). One core ("receive"): issue 10 target at least 0.85
/// (issue 5's was 0.70). All cores ("all cores"): the same ratio against raw verify on every core (target at least
/// 0.85), and how many times the one-core receive rate of the same run it reaches (on 2 cores at least 1.7).
/// </summary>
public sealed class ReceiveRateColumn() : BaselineColumn(
    "msg/s (vs raw verify, target >= 0.85)", "1 s / median per message; raw ECDsa verify median / this median; all cores: x the one-core receive rate", baselinePerCategory: true)
{
    private const double Target = 0.85;

    protected override string Format(BenchmarkCase benchmarkCase, string? category, Statistics? mine, Statistics? baseline) => "?";

    protected override string Format(Summary summary, BenchmarkCase benchmarkCase, string? category, Statistics? mine, Statistics? baseline)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        if (category is not ("receive" or "all cores"))
        {
            return "-";
        }

        if (mine is null || mine.Median == 0)
        {
            return "?";
        }

        var rate = 1e9 / mine.Median;
        if (baseline is null || benchmarkCase.Descriptor.Baseline)
        {
            return Invariant($"{rate:N0}");
        }

        var ratio = baseline.Median / mine.Median;
        var cell = Invariant($"{rate:N0} ({ratio:0.00}: {(ratio >= Target ? "met" : "MISSED")})");
        if (category == "all cores" && StatisticsOf(summary, nameof(ReceivePathBenchmarks.ReceivePath)) is { Median: > 0 } oneCore)
        {
            cell += Invariant($"; {oneCore.Median / mine.Median:0.00}x one core");
        }

        return cell;
    }
}
