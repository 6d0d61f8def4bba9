using System.Security.Cryptography;
using Hardware.Files;
using Hardware.Storage;
using V2x.Integrity;

namespace Firmware.SecurePartition.Boot;

/// <summary>
/// The measured boot of a sealed deployment (patent ¶134, ¶138-141): the manifest chain verified
/// (<see cref="DeploymentChain"/>), anti-rollback per stage, and every listed file hashed
/// (<see cref="DeploymentMeasurer"/>, scope Full). A clean boot raises the stages' persisted minimum
/// secure versions and manifest versions. The measurer then serves the runtime re-measurements.
/// </summary>
/// <param name="Chain">The verified chain, or null when it did not verify.</param>
/// <param name="Problem">Why the chain did not verify (null when it did).</param>
/// <param name="Findings">What the boot found: the chain problem, rolled-back files, the boot measurement.</param>
/// <param name="Stages">One measurement per stage (label = stage, SHA-256 of its signed manifest).</param>
/// <param name="Measurer">The runtime measurer (null without a verified chain).</param>
public sealed record DeploymentBoot(
    DeploymentChain? Chain, string? Problem, IReadOnlyList<DeploymentFinding> Findings, IReadOnlyList<StageMeasurement> Stages, DeploymentMeasurer? Measurer)
{
    /// <summary>The chain verified and nothing at anomaly or worse was found.</summary>
    public bool IsClean => Chain is not null && Problem is null && Findings.All(f => f.Level < IntegrityLevel.Anomaly);

    /// <summary>Verifies and measures the deployment; raises anti-rollback on a clean boot.</summary>
    public static DeploymentBoot Run(IFileTree tree, IFileMeasurementLog? ima, IDurableStore store, BootRom rom, DeploymentCheckOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rom);
        ArgumentNullException.ThrowIfNull(options);
        var rollback = new AntiRollback(store);
        DeploymentChain chain;
        try
        {
            chain = DeploymentChain.Load(tree, rom, rollback);
        }
        catch (OemDocumentException e)
        {
            var problem = $"{e.Error}: {e.Message}";
            return new DeploymentBoot(null, problem,
                [new DeploymentFinding("deployment.manifest", DeploymentLayout.SealDirectory, IntegrityLevel.HighAnomaly, $"the deployment's manifest chain does not verify: {problem}")],
                DeploymentLayout.Stages.Select(s => new StageMeasurement(s, "", 0, [], StageVerdict.NoReference, problem)).ToList(), null);
        }

        var findings = new List<DeploymentFinding>();
        foreach (var (stage, entry, minimum) in chain.RolledBack(rollback))
        {
            findings.Add(new DeploymentFinding("deployment.rolled-back", entry.Label, IntegrityLevel.HighAnomaly,
                $"{entry.Label} ({stage}) has secure version {entry.SecureVersion}, below the minimum {minimum}"));
        }

        var measurer = new DeploymentMeasurer(tree, chain, ima, options);
        findings.AddRange(measurer.Measure(MeasureScope.Full, now).Findings);
        var stages = chain.Manifests.Select(m => Stage(m, chain.DocumentOf(m.Stage), findings)).ToList();
        var boot = new DeploymentBoot(chain, null, findings, stages, measurer);
        if (boot.IsClean)
        {
            chain.RaiseAntiRollback(rollback);
        }

        return boot;
    }

    private static StageMeasurement Stage(ReferenceManifest manifest, byte[] document, List<DeploymentFinding> findings)
    {
        var directory = DeploymentLayout.DirectoryOf(manifest.Stage) + "/";
        var own = findings.Where(f => f.Level >= IntegrityLevel.Anomaly && f.Path.StartsWith(directory, StringComparison.Ordinal)).ToList();
        var verdict = own.Any(f => f.Rule == "deployment.rolled-back") ? StageVerdict.RolledBack
            : own.Count > 0 ? StageVerdict.Tampered
            : StageVerdict.Verified;
        var detail = verdict == StageVerdict.Verified
            ? $"{manifest.Entries.Count} files match manifest {manifest.ManifestVersion}"
            : $"{own.Count} findings, first: {own[0].Detail}";
        return new StageMeasurement(manifest.Stage, manifest.Release, manifest.SecureVersion, SHA256.HashData(document), verdict, detail);
    }
}
