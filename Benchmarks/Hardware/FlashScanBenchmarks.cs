using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Hardware.Boards;
using Hardware.Simulated;

namespace Benchmarks.Hardware;

/// <summary>
/// SHA-256 of the whole 64 MiB simulated flash read through the board's flash image (partition by
/// partition through IFlashImage streams, and whole-flash through ReadAbsolute) against SHA-256 of
/// the same bytes already in memory, in the same run: the cost the flash layer adds to the
/// integrity scan of issue 4.
/// </summary>
public class FlashScanBenchmarks
{
    private string _dir = null!;
    private SimulatedBoard _board = null!;
    private byte[] _inMemory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "bench-flash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _board = SimulatedBoard.Create(Path.Combine(_dir, "flash.bin"), ObuBoards.Obu64MiB, new SimulatedBoardOptions { Time = TimeProvider.System });
        _inMemory = File.ReadAllBytes(Path.Combine(_dir, "flash.bin"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _board.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256OfBytesInMemory() => SHA256.HashData(_inMemory);

    [Benchmark]
    public byte[] Sha256WholeFlashReadAbsolute()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        for (long at = 0; at < _board.FlashImage.FlashSizeBytes; at += buffer.Length)
        {
            _board.FlashImage.ReadAbsolute(at, buffer);
            sha.AppendData(buffer);
        }

        return sha.GetHashAndReset();
    }

    [Benchmark]
    public int Sha256EveryPartitionStream()
    {
        var total = 0;
        foreach (var p in _board.FlashImage.Partitions.Entries)
        {
            using var stream = _board.FlashImage.OpenRead(p.Label);
            total += SHA256.HashData(stream).Length;
        }

        return total;
    }
}
