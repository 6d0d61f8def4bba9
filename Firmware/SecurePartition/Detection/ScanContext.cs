using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Policy;
using Hardware;
using Hardware.Processes;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>Everything one scan reads: the board, the policy, the boot result, the cursors, and whether images are re-hashed.</summary>
public sealed class ScanContext
{
    private ProcessSnapshot? _processes;

    /// <summary>Creates the context of one scan.</summary>
    public ScanContext(BoardCapabilities board, DetectionPolicy policy, BootResult boot, ScanCursors cursors, bool rehashImages, PolicyState policyState)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(boot);
        ArgumentNullException.ThrowIfNull(cursors);
        ArgumentNullException.ThrowIfNull(policyState);
        Board = board;
        Policy = policy;
        Boot = boot;
        Cursors = cursors;
        RehashImages = rehashImages;
        PolicyState = policyState;
        Now = board.Time.GetUtcNow();
    }

    /// <summary>The board.</summary>
    public BoardCapabilities Board { get; }

    /// <summary>The policy in force.</summary>
    public DetectionPolicy Policy { get; }

    /// <summary>The measured boot.</summary>
    public BootResult Boot { get; }

    /// <summary>Cursors (updated by the detectors).</summary>
    public ScanCursors Cursors { get; }

    /// <summary>True for a full scan (images re-hashed), false on the message path.</summary>
    public bool RehashImages { get; }

    /// <summary>
    /// Whether this scan sets the baselines of rated checks (CPU use, throughput): boot and full
    /// scans do; the message path's quick scans only read them, so rates stay measured over scan periods.
    /// </summary>
    public bool UpdateBaselines { get; init; } = true;

    /// <summary>Which sealed deployment files a full scan re-hashes regardless of their stamps (the application's on its announced start).</summary>
    public MeasureScope DeploymentScope { get; init; } = MeasureScope.Stamps;

    /// <summary>How the policy was loaded, and the signed bytes for the runtime configuration check.</summary>
    public PolicyState PolicyState { get; }

    /// <summary>When the scan started.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>
    /// SHA-256 of every image the integrity detector re-measured in this scan (label to hash; empty
    /// on the message path), so indicator rules compare against what is in flash now.
    /// </summary>
    public Dictionary<string, byte[]> MeasuredImages { get; } = new(StringComparer.Ordinal);

    /// <summary>The process table, captured once per scan (null when the board has none).</summary>
    public ProcessSnapshot? Processes => _processes ??= Board.Processes?.Capture();

    /// <summary>Whether the policy requires a detector.</summary>
    public bool Requires(DetectorFlags detector) => (Policy.RequiredDetectors & detector) != 0;
}
