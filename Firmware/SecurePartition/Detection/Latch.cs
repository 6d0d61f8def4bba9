using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>A latched detection: the report cannot be cleaner than <see cref="Level"/> for this detector until the latch clears.</summary>
/// <param name="Detector">The detector class.</param>
/// <param name="Level">The worst level seen while latched.</param>
/// <param name="Since">When it latched.</param>
/// <param name="LastSeen">When the detector last reported at or above anomaly.</param>
/// <param name="CleanScans">Consecutive clean periodic full scans since <paramref name="LastSeen"/>.</param>
/// <param name="FlashGeneration">The flash generation when it latched (a persistent latch needs a newer one to clear).</param>
/// <param name="Reason">The first evidence, in words.</param>
public sealed record Latch(DetectorFlags Detector, IntegrityLevel Level, DateTimeOffset Since, DateTimeOffset LastSeen, int CleanScans, ulong FlashGeneration, string Reason)
{
    /// <summary>Whether the latch persists until a re-flash (integrity, tamper) rather than ageing out.</summary>
    public bool IsPersistent => (Detectors.Persistent & Detector) != 0;
}
