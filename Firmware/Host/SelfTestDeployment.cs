using Firmware.SecurePartition.Boot;
using Hardware.Files;
using Hardware.Linux;
using Hardware.Storage;
using Microsoft.Extensions.Configuration;
using V2x.Integrity;

namespace Firmware.Host;

/// <summary>
/// The sealed-deployment part of `self-test` (with Deployment:Root, as in the package's /etc/obu/partition.json): the
/// deployment verified and measured the way the secure partition boots it (<see cref="DeploymentBoot"/>, patent
/// ¶138-141: the ROM key of Rom:File → the secure partition's manifest → the application key it names → the
/// application's manifest, every listed file hashed, nothing unlisted that could run, and this process running from
/// the sealed secure/). Anti-rollback starts from an empty record store in the self-test's temporary folder: the
/// vehicle's own minimum secure versions are checked by the partition when it starts, and the self-test writes
/// nothing outside its folder.
/// </summary>
public static class SelfTestDeployment
{
    /// <summary>The deployment and ROM settings, read before anything runs (a missing Rom:File is a usage error).</summary>
    /// <exception cref="ArgumentException">Deployment:Root without Rom:File.</exception>
    public static (string Root, string Rom)? Settings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration["Deployment:Root"];
        return string.IsNullOrWhiteSpace(root) ? null : (root, Host.Settings.Require(configuration, "Rom:File"));
    }

    /// <summary>
    /// Verifies the deployment. Returns the line that says what was verified, or null after writing the findings that
    /// make the partition's boot unclean (each at anomaly or worse, with its rule and file) to <paramref name="output"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The ROM file holds no key.</exception>
    /// <exception cref="IOException">The ROM file or the deployment root is missing.</exception>
    public static async Task<string?> VerifyAsync(IConfiguration configuration, (string Root, string Rom) settings, string folder, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rom = RomFile.Read(settings.Rom);
        var tree = new LocalFileTree(settings.Root);
        var boot = DeploymentBoot.Run(tree, ImaMeasurementLog.OpenIfPresent(), new FileDurableStore(Path.Combine(folder, "records")), rom,
            DeploymentSettings.Options(configuration), TimeProvider.System.GetUtcNow());
        if (boot.IsClean && boot.Chain is { } chain)
        {
            return $"deployment verified: {settings.Root} ({tree.Root}), release {chain.Secure.Release}, secure version {chain.Secure.SecureVersion}, "
                + string.Join(", ", chain.Manifests.Select(m => $"{m.Stage} {m.Entries.Count} files")) + $", ROM {settings.Rom}";
        }

        var findings = boot.Findings.Where(f => f.Level >= IntegrityLevel.Anomaly).ToList();
        await output.WriteLineAsync($"self-test FAILED at sealed deployment {settings.Root}: {findings.Count} finding(s) the secure partition latches at boot").ConfigureAwait(false);
        foreach (var f in findings)
        {
            await output.WriteLineAsync($"  {f.Rule} {f.Path} ({f.Level}): {f.Detail}").ConfigureAwait(false);
        }

        return null;
    }
}
