using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Running;
using Benchmarks.Columns;

namespace Benchmarks.Firmware;

/// <summary>
/// Messages per second per core (one thread) of a receive-path benchmark, and its rate against the raw ECDsa
/// P-256 verify baseline of the same run (raw median / this median; issue 5 target: at least 0.70).
/// </summary>
public sealed class ReceiveRateColumn() : BaselineColumn(
    "msg/s (vs raw verify, target >= 0.70)", "1 s / median per message, and raw ECDsa verify median / this median", baselinePerCategory: true)
{
    protected override string Format(BenchmarkCase benchmarkCase, string? category, Statistics? mine, Statistics? baseline)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        if (category != "receive")
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
        return Invariant($"{rate:N0} ({ratio:0.00}: {(ratio >= 0.70 ? "met" : "MISSED")})");
    }
}
