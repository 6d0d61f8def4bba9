using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Policy;
using Hardware.Storage;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// `policy sign --policy-file FILE --oem-dir DIR (--storage DIR [--rom FILE] | --out FILE) [--policy-version N]`:
/// the OEM's step after reviewing a candidate policy (`learn`): reads the JSON (<see cref="PolicyJson"/>,
/// strictly), signs the policy with the OEM key as every policy is signed (<see cref="PolicyCodec.Sign"/>, an
/// OEM document of kind 2), and writes it into a Linux board's record directory (Board:StorageDirectory, where
/// the partition loads it at its next start; the ROM file is burnt with the OEM key when given) or to a file
/// (Output:File). Image:PolicyVersion overrides the document's version.
/// </summary>
public static class PolicySignCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var file = Settings.Require(configuration, "Policy:File");
        var storage = configuration["Board:StorageDirectory"];
        var outFile = configuration["Output:Path"];
        if (string.IsNullOrEmpty(storage) == string.IsNullOrEmpty(outFile))
        {
            throw new ArgumentException("Give either --storage DIR (a Linux board's records) or --out FILE.");
        }

        var policy = PolicyJson.Read(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
        if (configuration["Image:PolicyVersion"] is { Length: > 0 })
        {
            policy = policy with { PolicyVersion = Settings.UInt(configuration, "Image:PolicyVersion", policy.PolicyVersion) };
        }

        using var oemKey = OemKeyFiles.Load(Settings.Require(configuration, "Oem:Directory"));
        var signed = PolicyCodec.Sign(policy, oemKey, TimeProvider.System.GetUtcNow());
        if (!string.IsNullOrEmpty(storage))
        {
            if (configuration["Rom:File"] is { Length: > 0 } rom && !RomFile.Burn(rom, new BootRom(oemKey.PublicKey)))
            {
                await output.WriteLineAsync($"The ROM {rom} is burnt with another OEM key: refusing to install the policy.").ConfigureAwait(false);
                return 1;
            }

            new FileDurableStore(storage).Write(MeasuredBoot.PolicyKey, signed);
        }
        else
        {
            await File.WriteAllBytesAsync(outFile!, signed, cancellationToken).ConfigureAwait(false);
        }

        var required = string.Join(",", Detectors.InOrder.Where(d => (policy.RequiredDetectors & d) != 0));
        await output.WriteLineAsync($"Signed policy {policy.PolicyVersion} ({required}; {policy.ExpectedProcesses.Count} expected processes) into {(string.IsNullOrEmpty(storage) ? outFile : storage)}").ConfigureAwait(false);
        return 0;
    }
}
