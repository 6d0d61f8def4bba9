using Firmware.Deployment;
using Hardware.Storage;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// `update --bundle FILE --install-root ROOT --storage DIR --rom FILE [--pause-at STEP]`: verifies a
/// signed bundle against the ROM's key and the anti-rollback state in the secure partition's store
/// (Board:StorageDirectory), installs it into the inactive slot of ROOT and switches ROOT/current
/// (Deployment/UpdateInstaller). The new slot runs from the next start, when the partition raises
/// the update-completed trigger. Update:PauseAt (a step of <see cref="InstallStep"/>) is fault
/// injection for crash tests: the command prints "paused at STEP" there and waits until it is killed.
/// </summary>
public static class UpdateCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var bundle = Settings.Require(configuration, "Update:Bundle");
        InstallStep? pauseAt = configuration["Update:PauseAt"] is { Length: > 0 } step
            ? Enum.TryParse<InstallStep>(step, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsDigit(step[0])
                ? s
                : throw new ArgumentException($"Update:PauseAt is one of {string.Join(", ", Enum.GetNames<InstallStep>())}, not '{step}'.")
            : null;
        var installer = new UpdateInstaller(new UpdateInstallerOptions
        {
            InstallRoot = Settings.Require(configuration, "Update:InstallRoot"),
            // The running partition owns this store: the installer never removes its temporary files.
            Store = new FileDurableStore(Settings.Require(configuration, "Board:StorageDirectory"), removeStaleTemporaryFiles: false),
            Rom = RomFile.Read(Settings.Require(configuration, "Rom:File")),
            Time = TimeProvider.System,
            AfterStep = done =>
            {
                if (done == pauseAt)
                {
                    output.WriteLine($"paused at {done}");
                    output.Flush();
                    cancellationToken.WaitHandle.WaitOne();
                    cancellationToken.ThrowIfCancellationRequested();
                }
            },
        });
        UpdateResult result;
        try
        {
            await using var stream = new FileStream(bundle, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            result = installer.Install(stream);
        }
        catch (DeploymentException e)
        {
            await output.WriteLineAsync($"update refused ({e.Error}): {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await output.WriteLineAsync($"Installed {result.Bundle.Release} (secure version {result.Bundle.SecureVersion}, {result.Bundle.Origin}) into slot {result.Slot}: " +
            $"{result.Files} files, {result.Bytes} bytes; {UpdateInstaller.CurrentLink} -> {UpdateInstaller.SlotsDirectory}/{result.Slot}. Restart the OBU to run it.")
            .ConfigureAwait(false);
        return 0;
    }
}
