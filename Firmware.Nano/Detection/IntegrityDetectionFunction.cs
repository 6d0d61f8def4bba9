using System;
using Firmware.Nano.Boot;
using Firmware.Nano.Counters;
using Firmware.Nano.Integrity;
using Firmware.Nano.Policy;

namespace Firmware.Nano.Detection;

/// <summary>
/// The MCU's integrity detection function (patent ¶95-127): the detectors such a board can run (integrity
/// check, crash, memory, process, HSM), a full <see cref="Scan"/> at start and on the application's period,
/// and the cheap per-message check (<see cref="CheckForMessage"/>: heap and stacks) before every signature.
/// Findings latch until the next start: a level, once reached, is reported in every message until the chip
/// restarts and measures itself again (the Linux partition's latch with an unbounded hold; the MCU keeps no
/// black box to justify clearing earlier). Thread-safe.
/// </summary>
public sealed class IntegrityDetectionFunction
{
    private readonly McuBoard _board;
    private readonly McuPolicy _policy;
    private readonly IDetector[] _detectors;
    private readonly MemoryDetector _memory = new MemoryDetector();
    private readonly IntegrityLevel[] _latched;
    private readonly object _lock = new object();
    private DetectorFlags _coverage;

    /// <summary>Starts the function and runs the start-up scan.</summary>
    /// <param name="board">The board's capabilities.</param>
    /// <param name="boot">The boot measurement (its verified policy is used; without one, <see cref="McuPolicy.Fallback"/>).</param>
    /// <param name="counter">The message counter (for its rollback finding), or null.</param>
    public IntegrityDetectionFunction(McuBoard board, BootMeasurement boot, MessageCounter counter)
    {
        if (board == null)
        {
            throw new ArgumentNullException(nameof(board));
        }

        _board = board;
        _policy = boot != null && boot.Policy != null ? boot.Policy : McuPolicy.Fallback;
        _detectors = new IDetector[]
        {
            _memory,
            new ProcessDetector(),
            new CrashDetector(),
            new IntegrityDetector(boot, counter),
            new SecureElementDetector(),
        };
        _latched = new IntegrityLevel[_detectors.Length];
        Latest = Scan();
    }

    /// <summary>The policy in force.</summary>
    public McuPolicy Policy => _policy;

    /// <summary>The latest state.</summary>
    public ScanResult Latest { get; private set; }

    /// <summary>Runs every detector.</summary>
    public ScanResult Scan()
    {
        lock (_lock)
        {
            var results = new DetectorResult[_detectors.Length];
            var coverage = DetectorFlags.None;
            for (var i = 0; i < _detectors.Length; i++)
            {
                results[i] = _detectors[i].Run(_board, _policy);
                Latch(i, results[i]);
                if (results[i].Status == DetectorStatus.Checked || results[i].Status == DetectorStatus.Partial)
                {
                    coverage |= _detectors[i].Detector;
                }
            }

            _coverage = coverage;
            Latest = Snapshot(results);
            return Latest;
        }
    }

    /// <summary>The per-message check (patent ¶145-149): the memory detector again, then the latched state.</summary>
    public ScanResult CheckForMessage()
    {
        lock (_lock)
        {
            var result = _memory.Run(_board, _policy);
            Latch(0, result);
            Latest = Snapshot(new[] { result });
            return Latest;
        }
    }

    private void Latch(int index, DetectorResult result)
    {
        if (result.Level > _latched[index])
        {
            _latched[index] = result.Level;
        }
    }

    private ScanResult Snapshot(DetectorResult[] results)
    {
        var level = IntegrityLevel.NoAnomaly;
        var flags = DetectorFlags.None;
        for (var i = 0; i < _detectors.Length; i++)
        {
            if (_latched[i] > level)
            {
                level = _latched[i];
            }

            if (_latched[i] >= IntegrityLevel.Anomaly)
            {
                flags |= _detectors[i].Detector;
            }
        }

        return new ScanResult(level, flags, _coverage, results);
    }
}
