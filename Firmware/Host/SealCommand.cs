using System.Globalization;
using Firmware.Deployment;
using Firmware.SecurePartition.Boot;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// `seal --deployment DIR --oem-dir OEM [--version RELEASE] [--secure-version N] [--min-secure-version N]
/// [--manifest-version N]`: seals a published deployment (DIR/secure, DIR/app) in place, writing
/// DIR/seal/secure.manifest (signed with OEM/oem.key, naming OEM/app-stage.pub) and DIR/seal/app.manifest
/// (signed with OEM/app-stage.key). Defaults: release 1.0.0, secure version 1, minimum = secure version,
/// manifest version = secure version.
/// </summary>
public static class SealCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var directory = Settings.Require(configuration, "Deployment:Root");
        var oem = Settings.Require(configuration, "Oem:Directory");
        using var oemKey = OemKeyFiles.Load(oem);
        using var applicationKey = OemKeyFiles.LoadApplicationKey(oem);
        var secureVersion = Settings.UInt(configuration, "Image:SecureVersion", 1);
        var settings = new DeploymentSealer.SealSettings(configuration["Image:Version"] ?? "1.0.0", secureVersion,
            Settings.UInt(configuration, "Image:MinimumSecureVersion", secureVersion), Settings.UInt(configuration, "Image:ManifestVersion", secureVersion),
            TimeProvider.System.GetUtcNow());
        DeploymentChain chain;
        try
        {
            chain = DeploymentSealer.Seal(directory, oemKey, applicationKey, settings);
        }
        catch (DeploymentException e)
        {
            await output.WriteLineAsync($"seal refused ({e.Error}): {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Sealed {directory}: release {settings.Release}, secure version {settings.SecureVersion}, manifest version {settings.ManifestVersion}")).ConfigureAwait(false);
        foreach (var m in chain.Manifests)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {m.Stage,-17} {m.Entries.Count,5} files {m.Entries.Sum(e => e.ImageLengthBytes),12} bytes")).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"  application key {Convert.ToHexStringLower(chain.Secure.NextStageKey)}").ConfigureAwait(false);
        return 0;
    }
}
