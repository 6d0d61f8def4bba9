using V2x.Integrity;

namespace Firmware.SecurePartition.Boot;

/// <summary>
/// One finding about a sealed deployment, naming the file (the integrity detector turns it into
/// evidence). Rules: deployment.manifest, deployment.manifest-changed, deployment.rolled-back,
/// deployment.changed, deployment.missing, deployment.not-regular, deployment.mode,
/// deployment.unreadable, deployment.added-executable, deployment.added-file,
/// deployment.not-running-sealed, deployment.measured (a note), ima.mismatch, ima.unlisted,
/// ima.unreadable, ima.checked and ima.unavailable (notes).
/// </summary>
/// <param name="Rule">The rule.</param>
/// <param name="Path">The file (relative to the deployment root), or the stage or "ima".</param>
/// <param name="Level">The level it gives.</param>
/// <param name="Detail">What was found.</param>
public sealed record DeploymentFinding(string Rule, string Path, IntegrityLevel Level, string Detail);
