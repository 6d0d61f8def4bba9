namespace Firmware.SecurePartition.Boot;

/// <summary>What the measured boot found.</summary>
/// <param name="Manifest">The verified manifest, or null when none verified.</param>
/// <param name="ManifestProblem">Why there is no manifest (null when there is one).</param>
/// <param name="Stages">One measurement per image, in boot order.</param>
/// <param name="BootAggregate">SHA-256 chain over the stage hashes (like a TPM PCR extend: a = SHA-256(a || h)).</param>
/// <param name="PartitionTableSha256">SHA-256 of the partition table sector as booted (empty without flash).</param>
/// <param name="FlashAvailable">Whether the board has flash to measure at all.</param>
public sealed record BootResult(
    ReferenceManifest? Manifest,
    string? ManifestProblem,
    IReadOnlyList<StageMeasurement> Stages,
    byte[] BootAggregate,
    byte[] PartitionTableSha256,
    bool FlashAvailable)
{
    /// <summary>True when a manifest verified and every stage is <see cref="StageVerdict.Verified"/>.</summary>
    public bool IsClean => Manifest is not null && FlashAvailable && Stages.Count > 0 && Stages.All(s => s.Verdict == StageVerdict.Verified);
}
