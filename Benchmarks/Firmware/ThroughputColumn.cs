using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Hardware.Boards;
using Hardware.Flash;

namespace Benchmarks.Firmware;

/// <summary>Bytes hashed per second and the ratio to the sha256sum baseline (issue 4 target: at least 0.80).</summary>
public sealed class ThroughputColumn : IColumn
{
    private static readonly long WholeFlash = ObuBoards.Obu64MiB.FlashSizeBytes;

    private static readonly long PartitionBytes = ObuBoards.Obu64MiB.Partitions.Entries.Sum(p => (long)p.SizeBytes);

    private static readonly long ImageBytes = ObuPartitions.Images
        .Sum(l => ReferenceImages.Header(l, ObuBoards.Obu64MiB.Partitions[l].SizeBytes, "1.0.0", 1).ImageLengthBytes);

    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MB/s (vs sha256sum, target >= 0.80)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "bytes hashed / mean time, and that throughput divided by sha256sum's";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var baseline = summary.BenchmarksCases.FirstOrDefault(b => b.Descriptor.Baseline);
        var mine = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var raw = baseline is null ? null : summary[baseline]?.ResultStatistics?.Mean;
        if (mine is null || raw is null || mine == 0)
        {
            return "?";
        }

        var bytes = Bytes(benchmarkCase.Descriptor.WorkloadMethod.Name);
        var rate = bytes / (mine.Value / 1e9) / 1e6;
        var baseRate = WholeFlash / (raw.Value / 1e9) / 1e6;
        var ratio = rate / baseRate;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{rate:0} ({ratio:0.00}{(benchmarkCase.Descriptor.Baseline ? "" : ratio >= 0.80 ? " met" : " MISSED")})");
    }

    private static long Bytes(string method) => method switch
    {
        nameof(FullScanBenchmarks.ScanHashingWholeFlash) => PartitionBytes,
        nameof(FullScanBenchmarks.IdfFullScan) => ImageBytes,
        _ => WholeFlash,
    };
}
