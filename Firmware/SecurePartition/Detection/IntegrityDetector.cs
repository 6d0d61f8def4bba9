using System.Security.Cryptography;
using Firmware.SecurePartition.Boot;
using Hardware.Boards;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Integrity checks (patent ¶102-103, ¶138-141): the measured boot (every stage against the
/// OEM-signed manifest, anti-rollback), the manifest and policy signatures, and on a full scan
/// a runtime re-hash of every image, of the partition table and of the stored policy
/// (configuration). Any failure of those is a compromise. On a board with a sealed deployment
/// (a Linux OBU): the deployment's boot findings, and on a full scan its runtime re-measurement
/// (<see cref="DeploymentMeasurer"/>): a changed, missing or added executable file, a broken
/// manifest chain or a rolled-back file is a high anomaly naming the file.
/// </summary>
public sealed class IntegrityDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.IntegrityCheck;

    /// <inheritdoc />
    public DetectorResult Run(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var evidence = new List<Evidence>();
        var boot = context.Boot;
        if (boot.ManifestProblem is { } manifestProblem)
        {
            evidence.Add(new Evidence("integrity.manifest", "manifest", IntegrityLevel.Compromised, manifestProblem));
        }

        if (context.PolicyState.Problem is { } policyProblem)
        {
            evidence.Add(new Evidence("integrity.policy", "policy", IntegrityLevel.Compromised, policyProblem));
        }

        if (boot.Deployment is { } deployment)
        {
            AddDeployment(deployment, context, evidence);
        }

        var flash = context.Board.Flash;
        if (!boot.FlashAvailable || flash is null)
        {
            if (boot.Deployment is not null)
            {
                return DetectorResult.From(Detector, DetectorStatus.Checked, evidence);
            }

            if (evidence.Count > 0)
            {
                return DetectorResult.From(Detector, DetectorStatus.Partial, evidence);
            }

            return DetectorResult.Unavailable(Detector, context.Requires(Detector), "flash with images");
        }

        foreach (var stage in boot.Stages.Where(s => s.Verdict != StageVerdict.Verified))
        {
            evidence.Add(new Evidence("boot." + stage.Verdict, stage.Label, IntegrityLevel.Compromised, $"stage {stage.Label}: {stage.Detail}"));
        }

        if (context.RehashImages)
        {
            var rollback = new AntiRollback(context.Board.Storage);
            foreach (var booted in boot.Stages.Where(s => s.Verdict == StageVerdict.Verified))
            {
                var now = MeasuredBoot.MeasureStage(flash, booted.Label, boot.Manifest, rollback.MinimumFor(booted.Label));
                if (now.Sha256.Length == 32)
                {
                    context.MeasuredImages[now.Label] = now.Sha256;
                }

                if (now.Verdict != StageVerdict.Verified)
                {
                    evidence.Add(new Evidence("runtime." + now.Verdict, now.Label, IntegrityLevel.Compromised, $"runtime re-hash of {now.Label}: {now.Detail}"));
                }
            }

            if (boot.PartitionTableSha256.Length > 0 && !CryptographicOperations.FixedTimeEquals(MeasuredBoot.HashPartitionTable(flash), boot.PartitionTableSha256))
            {
                evidence.Add(new Evidence("runtime.partition-table", ObuPartitions.PartitionTable, IntegrityLevel.Compromised, "the partition table changed since boot"));
            }

            var stored = context.Board.Storage.Read(MeasuredBoot.PolicyKey) ?? [];
            if (context.PolicyState.Problem is null && !stored.AsSpan().SequenceEqual(context.PolicyState.SignedBytes))
            {
                evidence.Add(new Evidence("runtime.policy", "policy", IntegrityLevel.Compromised, "the stored policy changed since boot"));
            }
        }

        return DetectorResult.From(Detector, DetectorStatus.Checked, evidence);
    }

    // The boot's findings stay in every report (prefixed "boot.", as flash stages are); a full scan adds
    // its own measurement (scope Application when the application announced its start).
    private static void AddDeployment(DeploymentBoot deployment, ScanContext context, List<Evidence> evidence)
    {
        var remeasure = context.RehashImages && deployment.Measurer is not null;
        foreach (var f in deployment.Findings.Where(f => f.Level >= IntegrityLevel.Anomaly || !remeasure))
        {
            evidence.Add(new Evidence(f.Level >= IntegrityLevel.Anomaly ? "boot." + f.Rule : f.Rule, f.Path, f.Level, f.Detail));
        }

        if (remeasure)
        {
            foreach (var f in deployment.Measurer!.Measure(context.DeploymentScope, context.Now).Findings)
            {
                evidence.Add(new Evidence(f.Rule, f.Path, f.Level, f.Detail));
            }
        }
    }
}
