using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Running;
using Benchmarks.Columns;
using Hardware.Boards;
using Hardware.Flash;

namespace Benchmarks.Firmware;

/// <summary>Bytes hashed per second and the ratio to the sha256sum baseline (issue 4 target: at least 0.80).</summary>
public sealed class ThroughputColumn() : BaselineColumn(
    "MB/s (vs sha256sum, target >= 0.80)", "bytes hashed / mean time, and that throughput divided by sha256sum's", baselinePerCategory: false)
{
    private static readonly long WholeFlash = ObuBoards.Obu64MiB.FlashSizeBytes;

    private static readonly long PartitionBytes = ObuBoards.Obu64MiB.Partitions.Entries.Sum(p => (long)p.SizeBytes);

    private static readonly long ImageBytes = ObuPartitions.Images
        .Sum(l => ReferenceImages.Header(l, ObuBoards.Obu64MiB.Partitions[l].SizeBytes, "1.0.0", 1).ImageLengthBytes);

    protected override string Format(BenchmarkCase benchmarkCase, string? category, Statistics? mine, Statistics? baseline)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        if (mine is null || baseline is null || mine.Mean == 0)
        {
            return "?";
        }

        var bytes = Bytes(benchmarkCase.Descriptor.WorkloadMethod.Name);
        var rate = bytes / (mine.Mean / 1e9) / 1e6;
        var baseRate = WholeFlash / (baseline.Mean / 1e9) / 1e6;
        var ratio = rate / baseRate;
        return Invariant($"{rate:0} ({ratio:0.00}{(benchmarkCase.Descriptor.Baseline ? "" : ratio >= 0.80 ? " met" : " MISSED")})");
    }

    private static long Bytes(string method) => method switch
    {
        nameof(FullScanBenchmarks.ScanHashingWholeFlash) => PartitionBytes,
        nameof(FullScanBenchmarks.IdfFullScan) => ImageBytes,
        _ => WholeFlash,
    };
}
