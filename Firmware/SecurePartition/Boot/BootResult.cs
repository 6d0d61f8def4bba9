namespace Firmware.SecurePartition.Boot;

/// <summary>What the measured boot found (flash images, and a sealed deployment when the board has one).</summary>
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
    /// <summary>The sealed deployment's measured boot (a Linux OBU), or null when the board has none.</summary>
    public DeploymentBoot? Deployment { get; init; }

    /// <summary>
    /// True when there was something to measure (flash images or a sealed deployment) and all of it
    /// verified: the flash manifest and every stage <see cref="StageVerdict.Verified"/>, the
    /// deployment's chain and files clean.
    /// </summary>
    public bool IsClean => (FlashAvailable || Deployment is not null)
        && (!FlashAvailable || (Manifest is not null && Stages.Count > 0 && Stages.All(s => s.Verdict == StageVerdict.Verified)))
        && (Deployment?.IsClean ?? true);

    /// <summary>Every stage measured: the flash images, then the deployment's stages.</summary>
    public IReadOnlyList<StageMeasurement> AllStages => Deployment is null ? Stages : [.. Stages, .. Deployment.Stages];
}
