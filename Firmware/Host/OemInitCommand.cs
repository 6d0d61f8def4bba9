using Firmware.SecurePartition.Boot;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>`oem init --dir DIR [--force]`: creates the bench OEM signing key pair (oem.key, oem.pub).</summary>
public static class OemInitCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(output);
        var directory = Settings.Require(configuration, "Oem:Directory");
        var key = OemKeyFiles.Create(directory, flags.Contains("--force"));
        await output.WriteLineAsync($"OEM key pair in {directory}; public key {Convert.ToHexStringLower(BootRom.EncodeKey(key))}").ConfigureAwait(false);
        return 0;
    }
}
