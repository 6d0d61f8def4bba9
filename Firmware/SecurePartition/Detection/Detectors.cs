using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>The detector classes of patent ¶95-104, one bit each of <see cref="DetectorFlags"/>.</summary>
public static class Detectors
{
    /// <summary>Every detector class.</summary>
    public const DetectorFlags All = DetectorFlags.SecurityPolicy | DetectorFlags.Memory | DetectorFlags.Network | DetectorFlags.Process
        | DetectorFlags.TaskManager | DetectorFlags.Crash | DetectorFlags.IntegrityCheck | DetectorFlags.HsmTamper;

    /// <summary>The classes in bitmap order (most significant bit first).</summary>
    public static IReadOnlyList<DetectorFlags> InOrder { get; } =
    [
        DetectorFlags.SecurityPolicy, DetectorFlags.Memory, DetectorFlags.Network, DetectorFlags.Process,
        DetectorFlags.TaskManager, DetectorFlags.Crash, DetectorFlags.IntegrityCheck, DetectorFlags.HsmTamper,
    ];

    /// <summary>
    /// Classes whose latch persists across restarts until a re-flash with a valid image and a
    /// clean measured boot (integrity) or a cleared hardware tamper latch (tamper); the others
    /// are transient and age out by policy.
    /// </summary>
    public const DetectorFlags Persistent = DetectorFlags.IntegrityCheck | DetectorFlags.HsmTamper;
}
