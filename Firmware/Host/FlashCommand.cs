using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Policy;
using Hardware.Boards;
using Hardware.Flash;
using Hardware.Storage;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// `flash --flash FLASH --oem-dir DIR [--create] [--layout obu-small|obu-64m] [--version V]
/// [--secure-version N] [--min-secure-version N] [--manifest-version N] [--policy-version N] [--sending-option 1|2|3]`:
/// builds a firmware image set (images with headers, the OEM-signed manifest and policy, the policy carrying
/// the sending option of patent ¶115-119, default 2) and
/// writes it to the simulated board's flash image file, burning the OEM public key into the
/// board's ROM file on first flash (a ROM burnt with another key refuses). `--flash-size 512K` states
/// the board's flash: a layout that does not fit it is refused before anything is written.
/// `--board Esp32` prepares an ESP32 deployment set instead (<see cref="Esp32FlashCommand"/>).
/// A missing OEM key, an unknown board or layout, and a too-small flash end with a message and a non-zero code.
/// </summary>
public static class FlashCommand
{
    private static readonly HashSet<string> BoardKinds = new(StringComparer.OrdinalIgnoreCase) { "Simulated", "Linux", "Esp32" };

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(output);
        var option = SendingOption(configuration["Image:SendingOption"]);
        var kind = configuration["Board:Kind"] ?? "Simulated";
        if (!BoardKinds.Contains(kind))
        {
            throw new ArgumentException($"Board:Kind (--board) is Simulated, Linux or Esp32, not '{kind}'.");
        }

        using var oemKey = OemKeyFiles.Load(Settings.Require(configuration, "Oem:Directory"));
        if (kind.Equals("Esp32", StringComparison.OrdinalIgnoreCase))
        {
            return await Esp32FlashCommand.RunAsync(configuration, oemKey, output).ConfigureAwait(false);
        }

        var rom = new BootRom(oemKey.PublicKey);
        var isLinux = kind.Equals("Linux", StringComparison.OrdinalIgnoreCase);
        var path = isLinux ? "" : Settings.Require(configuration, "Board:FlashImage");
        var romPath = isLinux ? Settings.Require(configuration, "Rom:File") : configuration["Rom:File"] ?? RomFile.PathFor(path);
        if (File.Exists(romPath) && !RomFile.Burn(romPath, rom))
        {
            await output.WriteLineAsync($"The ROM {romPath} is burnt with another OEM key: refusing to flash.").ConfigureAwait(false);
            return 1;
        }

        if (isLinux)
        {
            return await FlashLinuxAsync(configuration, oemKey, rom, option, output).ConfigureAwait(false);
        }

        var layout = (configuration["Board:Layout"] ?? "obu-small") switch
        {
            "obu-small" => ObuBoards.ObuSmall,
            "obu-64m" => ObuBoards.Obu64MiB,
            var other => throw new ArgumentException($"Board:Layout is obu-small or obu-64m, not '{other}'."),
        };

        // A board with less flash than the layout is refused before anything is written (PartitionTableException, OutOfFlash).
        var flashSize = Settings.Size(configuration, "Board:FlashSize", layout.FlashSizeBytes);
        var partitions = layout.PartitionsFor(flashSize);
        using var flash = flags.Contains("--create") || !File.Exists(path)
            ? FileFlashImage.Create(path, flashSize, partitions)
            : FileFlashImage.Open(path);
        var store = new FlashDurableStore(flash, ObuPartitions.Nvs);
        var version = configuration["Image:Version"] ?? "1.0.0";
        var secureVersion = Settings.UInt(configuration, "Image:SecureVersion", 1);
        var manifestVersion = Settings.UInt(configuration, "Image:ManifestVersion", new AntiRollback(store).ManifestVersion + 1);
        var set = FirmwareImageSet.Build(flash.Partitions, version, secureVersion,
            Settings.UInt(configuration, "Image:MinimumSecureVersion", secureVersion), manifestVersion,
            DefaultPolicies.SimulatedObu(Settings.UInt(configuration, "Image:PolicyVersion", 1)) with { SendingOption = option },
            oemKey, TimeProvider.System.GetUtcNow());
        set.WriteTo(flash, store);
        flash.Flush();
        RomFile.Burn(romPath, rom);
        await output.WriteLineAsync($"Flashed {path}: version {version}, secure version {secureVersion}, manifest {manifestVersion}, sending option {(int)option}").ConfigureAwait(false);
        foreach (var e in set.Manifest.Entries)
        {
            await output.WriteLineAsync($"  {e.Label,-10} {e.ImageLengthBytes,10} bytes  sha256 {Convert.ToHexStringLower(e.Sha256)}").ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// A Linux board has no flash to write: the signed Linux policy (DefaultPolicies.LinuxHost) goes
    /// into its record directory (Board:StorageDirectory) and the OEM key into its ROM file (Rom:File).
    /// </summary>
    private static async Task<int> FlashLinuxAsync(IConfiguration configuration, V2x.Security.Crypto.EcdsaP256SignatureKey oemKey, BootRom rom,
        SendingPolicy option, TextWriter output)
    {
        var store = new FileDurableStore(Settings.Require(configuration, "Board:StorageDirectory"));
        var version = Settings.UInt(configuration, "Image:PolicyVersion", 1);
        var policy = DefaultPolicies.LinuxHost(version) with { SendingOption = option };
        store.Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(policy, oemKey, TimeProvider.System.GetUtcNow()));
        RomFile.Burn(Settings.Require(configuration, "Rom:File"), rom);
        await output.WriteLineAsync($"Linux board: policy {version} signed into {configuration["Board:StorageDirectory"]}, ROM {configuration["Rom:File"]}").ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// The sending option of a setting (`flash --sending-option`): 1, 2, 3 or the option's name; option 2 when unset.
    /// It goes into the OEM-signed detection policy, where the secure partition reads it.
    /// </summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public static SendingPolicy SendingOption(string? value) => value switch
    {
        null or "" => SendingPolicy.AlwaysInclude,
        "1" => SendingPolicy.ReportOnlyWhenClean,
        "2" => SendingPolicy.AlwaysInclude,
        "3" => SendingPolicy.SafetyCriticalOnly,
        _ when Enum.TryParse<SendingPolicy>(value, ignoreCase: true, out var p) && Enum.IsDefined(p) && !char.IsDigit(value[0]) => p,
        _ => throw new ArgumentException($"Image:SendingOption is 1, 2 or 3 (ReportOnlyWhenClean, AlwaysInclude, SafetyCriticalOnly), not '{value}'."),
    };
}
