using Firmware.Deployment;
using Firmware.SecurePartition.Triggers;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// `bundle --deployment DIR --oem-dir OEM --origin ota|local --out FILE`: packs a sealed deployment into
/// a signed update bundle (Deployment/UpdateBundle: a pax tar behind an OEM-signed header whose
/// origin the partition reports after the update's restart).
/// </summary>
public static class BundleCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var directory = Settings.Require(configuration, "Deployment:Root");
        var file = Settings.Require(configuration, "Output:Path");
        var origin = Settings.Require(configuration, "Update:Origin") switch
        {
            "ota" => UpdateOrigin.OverTheAir,
            "local" => UpdateOrigin.Local,
            var other => throw new ArgumentException($"Update:Origin is ota or local, not '{other}'."),
        };
        using var oemKey = OemKeyFiles.Load(Settings.Require(configuration, "Oem:Directory"));
        var temp = file + ".tmp-" + Guid.NewGuid().ToString("N");
        UpdateBundle header;
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                header = UpdateBundle.Pack(directory, stream, origin, oemKey, TimeProvider.System.GetUtcNow());
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, file, overwrite: true);
        }
        catch (DeploymentException e)
        {
            File.Delete(temp);
            await output.WriteLineAsync($"bundle refused ({e.Error}): {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        await output.WriteLineAsync($"Bundle {file}: release {header.Release}, secure version {header.SecureVersion}, {header.FileCount} files, origin {header.Origin}")
            .ConfigureAwait(false);
        return 0;
    }
}
