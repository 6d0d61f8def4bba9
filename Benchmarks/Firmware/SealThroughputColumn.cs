using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Running;
using Benchmarks.Columns;

namespace Benchmarks.Firmware;

/// <summary>Bytes of the deployment per second and the ratio to .NET's SHA-256 of the same bytes (issue 11 target: at least 0.80).</summary>
public sealed class SealThroughputColumn() : BaselineColumn(
    "MB/s (vs .NET SHA-256, target >= 0.80)", "deployment bytes / mean time, and that throughput divided by SHA256.HashData's of the same bytes", baselinePerCategory: false)
{
    protected override string Format(BenchmarkCase benchmarkCase, string? category, Statistics? mine, Statistics? baseline)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        if (mine is null || baseline is null || mine.Mean == 0)
        {
            return "?";
        }

        var bytes = SealedDeployment.Instance.Bytes;
        var rate = bytes / (mine.Mean / 1e9) / 1e6;
        var ratio = baseline.Mean / mine.Mean;
        if (benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(DeploymentSealBenchmarks.MeasureStampsOnly))
        {
            return Invariant($"{bytes / 1e6:0} MB checked by stamp, none hashed");
        }

        return Invariant($"{rate:0} ({ratio:0.00}{(benchmarkCase.Descriptor.Baseline ? "" : ratio >= 0.80 ? " met" : " below")})");
    }
}
