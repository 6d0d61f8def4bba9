using MeasuredBoot = Firmware.Nano.Boot.MeasuredBoot;
using Hardware.Boards;
using Microsoft.Extensions.Configuration;
using V2x.Security.Crypto;

namespace Firmware.Host;

/// <summary>
/// `flash --board Esp32 --oem-dir DIR --out DIR --bootloader FILE --clr FILE --app-image FILE [--layout esp32-obu-4m]
/// [--flash-size 4M] [--port PORT] [--target ESP32_PSRAM_REV0] [--version V] [--secure-version N] [--manifest-version N]
/// [--policy-version N]`: builds and signs the ESP32 deployment set (<see cref="Esp32DeploymentSet"/>) into the output
/// folder with the compiled Firmware.Nano library, and prints the nanoff commands that write it to a board. It writes
/// nothing to a board: flashing needs the nanoFramework tools (Docs/mcu.md).
/// </summary>
public static class Esp32FlashCommand
{
    /// <summary>The nanoff target used when none is given (runs on any ESP32 variant, nanoff README).</summary>
    public const string DefaultTarget = "ESP32_PSRAM_REV0";

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, EcdsaP256SignatureKey oemKey, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(oemKey);
        ArgumentNullException.ThrowIfNull(output);
        var board = (configuration["Board:Layout"] ?? ObuBoards.Esp32Obu4MiB.Name) == ObuBoards.Esp32Obu4MiB.Name
            ? ObuBoards.Esp32Obu4MiB
            : throw new ArgumentException($"Board:Layout (--layout) of an ESP32 board is {ObuBoards.Esp32Obu4MiB.Name}, not '{configuration["Board:Layout"]}'.");
        var outDir = Settings.Require(configuration, "Output:Path");
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [MeasuredBoot.BootloaderLabel] = ReadImage(configuration, "Esp32:Bootloader", "--bootloader"),
            [Esp32DeploymentSet.ClrLabel] = ReadImage(configuration, "Esp32:Clr", "--clr"),
            [Esp32DeploymentSet.DeploymentLabel] = ReadImage(configuration, "Esp32:Deployment", "--app-image"),
        };
        var version = configuration["Image:Version"] ?? "1.0.0";
        var secureVersion = Settings.UInt(configuration, "Image:SecureVersion", 1);
        var set = Esp32DeploymentSet.Build(board, Settings.Size(configuration, "Board:FlashSize", board.FlashSizeBytes), images, version, secureVersion,
            Settings.UInt(configuration, "Image:ManifestVersion", 1), Esp32DeploymentSet.DefaultPolicy(Settings.UInt(configuration, "Image:PolicyVersion", 1)),
            oemKey, TimeProvider.System.GetUtcNow());
        var port = configuration["Esp32:SerialPort"] ?? "/dev/ttyUSB0";
        var target = configuration["Esp32:Target"] ?? DefaultTarget;
        var library = typeof(Firmware.Nano.Crypto.Sha256).Assembly.Location;
        set.WriteTo(outDir, library, port, target);
        await output.WriteLineAsync($"ESP32 deployment set for {board.Name} in {outDir}: version {version}, secure version {secureVersion}, manifest {set.Manifest.ManifestVersion}").ConfigureAwait(false);
        foreach (var e in set.Manifest.Entries)
        {
            await output.WriteLineAsync($"  {e.Label,-10} {e.ImageLengthBytes,10} bytes  sha256 {Convert.ToHexStringLower(e.Sha256)}").ConfigureAwait(false);
        }

        foreach (var (file, address) in set.Layout)
        {
            await output.WriteLineAsync($"  {file,-20} at 0x{address:X6}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"Provision the secure element before locking it: OEM public key (oem-public-key.bin) into slot 15, the ticket key generated in slot 0.").ConfigureAwait(false);
        await output.WriteLineAsync($"{Path.GetFileName(library)} is IL: convert it to .pe with the nanoFramework MSBuild tools (Docs/mcu.md), then run:").ConfigureAwait(false);
        foreach (var line in set.NanoffCommands(outDir, port, target))
        {
            await output.WriteLineAsync("  " + line).ConfigureAwait(false);
        }

        await output.WriteLineAsync("Nothing was written to a board.").ConfigureAwait(false);
        return 0;
    }

    private static byte[] ReadImage(IConfiguration configuration, string key, string option)
    {
        var path = configuration[key];
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"An ESP32 deployment set needs {option} FILE.");
        }

        return File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"No image file {path} ({option}).", path);
    }
}
