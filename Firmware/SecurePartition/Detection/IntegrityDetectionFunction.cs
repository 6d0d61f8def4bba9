using System.Buffers.Binary;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Triggers;
using Hardware;
using Hardware.Storage;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// The integrity detection function (patent ¶109-127, fig. 4-5): measured boot at construction,
/// full scans on triggers (¶114), the cheap per-message check, and the latches. Thread-safe:
/// scans are serialised; the per-message check takes the lock only when something moved.
/// </summary>
public sealed partial class IntegrityDetectionFunction
{
    private const string CursorKey = "idf.cursors";
    private const string SeenGenerationKey = "idf.generation";
    private readonly BoardCapabilities _board;
    private readonly IDetector[] _detectors;
    private readonly ScanCursors _cursors = new();
    private readonly LatchSet _latches;
    private readonly InventoryWatch _inventory;
    private readonly Lock _lock = new();
    private volatile ScanResult _latest;

    // Last firewall drop a message-path quick scan has seen (its "moved" check compares against
    // this and the periodic cursor; written under _lock).
    private long _firewallSeen;

    /// <summary>Boots the IDF: measured boot (flash images, sealed deployment), policy, a pending update, latches, then the boot scan.</summary>
    public IntegrityDetectionFunction(BoardCapabilities board, BootRom rom, DeploymentCheckOptions? deployment = null)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(rom);
        _board = board;
        _detectors =
        [
            new SecurityPolicyDetector(), new MemoryDetector(), new NetworkDetector(), new ProcessDetector(),
            new TaskManagerDetector(), new CrashDetector(), new IntegrityDetector(), new TamperDetector(),
        ];
        Boot = MeasuredBoot.Run(board, rom, deployment ?? new DeploymentCheckOptions());
        try
        {
            var (policy, signed) = PolicyCodec.Load(board.Storage, rom);
            Policy = policy;
            PolicyState = new PolicyState(signed, null);
        }
        catch (OemDocumentException e)
        {
            // Fail closed: no valid policy means the integrity detector reports a compromise,
            // and the other detectors run with the strict built-in policy.
            Policy = DefaultPolicies.FailClosed();
            PolicyState = new PolicyState([], $"{e.Error}: {e.Message}");
        }

        // The board follows the monitored processes closely from now on (Linux: their ends, from the kernel's process events).
        board.ProcessWatch?.Watch(Policy.ExpectedProcesses.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList());
        Indicators = new IndicatorRuleSet(board.Storage);
        var updateNote = AdoptPendingUpdate();
        FlashGeneration = ReadU64(board.Storage, MeasuredBoot.FlashGenerationKey);
        var now = board.Time.GetUtcNow();
        _latches = new LatchSet(board.Storage, now, FlashGeneration);
        LoadCursors();
        _latches.OnBoot(Boot.IsClean && PolicyState.Problem is null, FlashGeneration, board.Tamper is { IsLatched: false });
        _inventory = new InventoryWatch(board);
        _ = _inventory.Poll();
        var seen = ReadU64(board.Storage, SeenGenerationKey);
        var detail = "";
        if (seen != FlashGeneration)
        {
            detail = $"flash generation {seen} -> {FlashGeneration}";
            WriteU64(board.Storage, SeenGenerationKey, FlashGeneration);
        }

        _latest = RunScan(TriggerKind.Boot, (detail + " " + updateNote).Trim(), rehash: false, periodic: false);
    }

    /// <summary>The measured boot.</summary>
    public BootResult Boot { get; }

    /// <summary>The policy in force (the strict built-in one when the stored policy did not verify).</summary>
    public DetectionPolicy Policy { get; }

    /// <summary>How the policy loaded.</summary>
    public PolicyState PolicyState { get; }

    /// <summary>The flash generation this boot runs.</summary>
    public ulong FlashGeneration { get; }

    /// <summary>The latest scan.</summary>
    public ScanResult Latest => _latest;

    /// <summary>Raised after every scan (inside the scan lock; keep handlers short).</summary>
    public event Action<ScanResult>? Scanned;

    /// <summary>
    /// A full scan: every detector, images re-hashed (a sealed deployment: files whose stamps moved, all
    /// of them once per full re-hash period, the application's on <see cref="TriggerKind.ApplicationStart"/>). Only <see cref="TriggerKind.Periodic"/>
    /// scans (the partition's own timer) may age transient latches; requested ones never can.
    /// Inventory changes since the last scan are folded into the trigger detail.
    /// </summary>
    public ScanResult Scan(TriggerKind trigger, string detail = "")
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (!Enum.IsDefined(trigger))
        {
            throw new ArgumentOutOfRangeException(nameof(trigger));
        }

        lock (_lock)
        {
            var fired = _inventory.Poll();
            if (fired.Count > 0)
            {
                detail = (detail + " " + string.Join(",", fired)).Trim();
                if (trigger == TriggerKind.Periodic)
                {
                    trigger = fired[0];
                }
            }

            return _latest = RunScan(trigger, detail, rehash: true, periodic: trigger == TriggerKind.Periodic);
        }
    }

    private ScanResult RunScan(TriggerKind trigger, string detail, bool rehash, bool periodic)
    {
        var context = new ScanContext(_board, Policy, Boot, _cursors, rehash, PolicyState)
        {
            UpdateBaselines = trigger != TriggerKind.MessageSend,

            // Patent ¶114 "whenever an application starts": its files are re-hashed whatever their stamps.
            DeploymentScope = trigger == TriggerKind.ApplicationStart ? MeasureScope.Application : MeasureScope.Stamps,
        };
        var results = new List<DetectorResult>(_detectors.Length);
        foreach (var d in _detectors)
        {
            results.Add(RunOne(d, context));
        }

        AddIndicatorEvidence(results, context);
        if (context.UpdateBaselines && context.Processes is { } snapshot)
        {
            _cursors.Processes = snapshot;
        }

        _latches.Raise(results, context.Now, FlashGeneration);
        if (periodic)
        {
            _latches.AgeAfterPeriodicScan(results, context.Now, Policy);
        }

        SaveCursors();
        var result = new ScanResult(context.Now, trigger, detail, rehash, results, _latches.All);
        Scanned?.Invoke(result);
        return result;
    }

    private static DetectorResult RunOne(IDetector detector, ScanContext context)
    {
        try
        {
            return detector.Run(context);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StorageException or InvalidOperationException or FormatException)
        {
            // A capability that fails to read cannot be called clean: fail closed for this detector.
            return DetectorResult.From(detector.Detector, DetectorStatus.CannotCheck,
                [new Evidence("capability.error", detector.Detector.ToString(), IntegrityLevel.Anomaly, $"reading the board failed: {e.Message}")]);
        }
    }

    private void LoadCursors()
    {
        var bytes = _board.Storage.Read(CursorKey);
        if (bytes is { Length: 16 })
        {
            _cursors.Crash = BinaryPrimitives.ReadInt64BigEndian(bytes);
            _cursors.Tamper = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8));
        }
    }

    private void SaveCursors()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, _cursors.Crash);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), _cursors.Tamper);
        var old = _board.Storage.Read(CursorKey);
        if (old is null || !old.AsSpan().SequenceEqual(bytes))
        {
            _board.Storage.Write(CursorKey, bytes);
        }
    }

    private static ulong ReadU64(IDurableStore store, string key) =>
        store.Read(key) is { Length: 8 } b ? BinaryPrimitives.ReadUInt64BigEndian(b) : 0;

    private static void WriteU64(IDurableStore store, string key, ulong value)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        store.Write(key, b);
    }
}
