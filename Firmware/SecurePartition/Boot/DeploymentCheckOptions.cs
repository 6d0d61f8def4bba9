namespace Firmware.SecurePartition.Boot;

/// <summary>How the secure partition measures a sealed deployment at runtime.</summary>
public sealed record DeploymentCheckOptions
{
    /// <summary>
    /// How often a full scan re-hashes every listed file regardless of its stamp (between those, a
    /// full scan re-hashes only files whose size, mode, inode, device, mtime or ctime moved, or
    /// whose stamp was too recent to vouch for the content). Default one hour.
    /// </summary>
    public TimeSpan FullRehashPeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The directory the running secure partition's code was loaded from (the host passes
    /// AppContext.BaseDirectory); it must be the deployment's secure/ directory, or the partition
    /// is not the sealed one (deployment.not-running-sealed). Null: not checked (tests that host
    /// the partition in the test process).
    /// </summary>
    public string? RunningFrom { get; init; }
}
