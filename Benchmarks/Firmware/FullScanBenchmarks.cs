using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Triggers;
using Hardware.Boards;

namespace Benchmarks.Firmware;

/// <summary>
/// The integrity scan over the 64 MiB simulated flash (issue 4) against `sha256sum` of the same
/// file in the same run (target: at least 80 % of its throughput). ScanHashingWholeFlash runs the
/// scan's hashing code (MeasuredBoot.HashImage, 1 MiB reads) over every partition, which is the
/// whole flash but its first 4 KiB; IdfFullScan is the real periodic full scan: every detector
/// plus the runtime re-hash of the four images against the manifest.
/// </summary>
[Config(typeof(Config))]
public class FullScanBenchmarks
{
    private BenchBoard _board = null!;

    [GlobalSetup]
    public void Setup() => _board = new BenchBoard(ObuBoards.Obu64MiB, null, "bscan-");

    [GlobalCleanup]
    public void Cleanup() => _board.Dispose();

    [Benchmark(Baseline = true)]
    public string Sha256sumWholeFlash()
    {
        using var process = Process.Start(new ProcessStartInfo("sha256sum", _board.FlashPath) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    [Benchmark]
    public int ScanHashingWholeFlash()
    {
        var flash = _board.Board.FlashImage;
        var n = 0;
        foreach (var p in flash.Partitions.Entries)
        {
            n += MeasuredBoot.HashImage(flash, p.Label, p.SizeBytes)[0];
        }

        return n;
    }

    [Benchmark]
    public ScanResult IdfFullScan() => _board.Partition.Idf.Scan(TriggerKind.Requested);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn());
    }
}
