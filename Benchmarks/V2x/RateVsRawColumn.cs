using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Running;
using Benchmarks.Columns;

namespace Benchmarks.V2x;

/// <summary>
/// Rate of a benchmark relative to the baseline of its category (baseline time / this time): 1.00 is as
/// fast as the raw primitive. Computed on the medians, which a shared, loaded machine disturbs less than
/// the means (the mean-based ratio is printed beside it); the issue's target is checked on the median.
/// </summary>
public sealed class RateVsRawColumn() : BaselineColumn(
    "RateVsRaw (target)",
    "raw-primitive median / this median (mean ratio in brackets); targets: decode+verify >= 0.80, encode+sign >= 0.70",
    baselinePerCategory: true)
{
    protected override string Format(BenchmarkCase benchmarkCase, string? category, Statistics? mine, Statistics? baseline)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        if (mine is null || baseline is null || mine.Median == 0 || mine.Mean == 0)
        {
            return "?";
        }

        if (benchmarkCase.Descriptor.Baseline)
        {
            return "1.00";
        }

        var target = category == "sign" ? 0.70 : 0.80;
        var ratio = baseline.Median / mine.Median;
        var meanRatio = baseline.Mean / mine.Mean;
        return Invariant(
            $"{ratio:0.00} [{meanRatio:0.00}] (>= {target:0.00}: {(ratio >= target ? "met" : "MISSED")})");
    }
}
