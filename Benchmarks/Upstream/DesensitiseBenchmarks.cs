using BenchmarkDotNet.Attributes;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Firmware.Upstream;
using Firmware.Upstream.Desensitising;
using Firmware.Upstream.Queue;
using Hardware.Random;
using V2x.Integrity;

namespace Benchmarks.Upstream;

/// <summary>
/// The OBU side of upstream forwarding (issue 6 item 7): desensitising one detailed report with one
/// finding (build, STIX validation, leak check) beside serialising the same objects alone, and
/// committing one report with its summary to the SQLite queue (WAL, synchronous=FULL: one fsync
/// per commit) in a temporary directory.
/// </summary>
[MemoryDiagnoser]
public class DesensitiseBenchmarks
{
    private static readonly DateTimeOffset Time = new(2026, 3, 1, 10, 17, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bench-upstream-" + Guid.NewGuid().ToString("N"));
    private Desensitiser _desensitiser = null!;
    private DetailedReport _report = null!;
    private DesensitisedReport _ready = null!;
    private UpstreamQueue _queue = null!;
    private ulong _sequence;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_dir);
        var options = new UpstreamOptions { QueuePath = Path.Combine(_dir, "queue.db"), CollectionId = "c", Make = "Acme", Model = "Roadster", QueueCapacity = 1_000_000 };
        _queue = UpstreamQueue.Open(options.QueuePath, options.QueueCapacity, TimeProvider.System, SystemRandomSource.Instance);
        _desensitiser = new Desensitiser(options, _queue.PseudonymKey);
        var hash = new byte[32];
        _report = new DetailedReport
        {
            Time = Time,
            Board = "/var/lib/obu/obu.bin",
            Trigger = TriggerKind.Periodic,
            TriggerDetail = "",
            FullScan = true,
            Level = IntegrityLevel.HighAnomaly,
            Detectors = DetectorFlags.Process,
            Results = [DetectorResult.From(DetectorFlags.Process, DetectorStatus.Checked,
                [new Evidence("process.unexpected", "miner", IntegrityLevel.HighAnomaly, "unexpected process pid 4242 /tmp/.x/miner as root (0)")])],
            Latches = [],
            BootStages = [new StageMeasurement("app", "1.0.0", 1, hash, StageVerdict.Verified, "ok")],
            FlashGeneration = 1,
            Software = [],
            Hardware = [],
        };
        _ready = _desensitiser.Desensitise(_report, Time, null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _queue.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "serialise the summary's STIX objects (baseline)")]
    public int Serialise() => _ready.Ready.Sum(s => s.Objects.Sum(o => o.ToJsonString().Length));

    [Benchmark(Description = "desensitise one report (build, validate, leak check)")]
    public int Desensitise() => _desensitiser.Desensitise(_report, Time, null).Ready.Count;

    [Benchmark(Description = "commit one report and its summary to the queue (one transaction)")]
    public void Commit()
    {
        _sequence++;
        // A new id each time, so every commit inserts (the id is the queue's key).
        var s = _ready.Ready[0];
        var id = "observed-data--" + Guid.NewGuid().ToString("D");
        _queue.CommitReport(_sequence, new DesensitisedReport([s with { ObservedDataId = id }], [], 0, 0));
    }
}
