using System.Globalization;
using System.Security.Cryptography;
using IdfRecords = Firmware.Nano.Boot.IdfRecords;
using Firmware.Nano.Integrity;
using Firmware.Nano.Policy;
using Hardware.Boards;
using Hardware.Flash;
using V2x.Security.Crypto;
using OemDocumentKind = Firmware.SecurePartition.Boot.OemDocumentKind;
using ReferenceManifest = Firmware.SecurePartition.Boot.ReferenceManifest;
using ManifestEntry = Firmware.SecurePartition.Boot.ManifestEntry;
using MeasuredBoot = Firmware.Nano.Boot.MeasuredBoot;
using PartitionTable = Hardware.Flash.PartitionTable;
using OemDocument = Firmware.SecurePartition.Boot.OemDocument;

namespace Firmware.Host;

/// <summary>
/// The deployment set of an ESP32 board running Firmware.Nano (Docs/mcu.md): the partition table, the images
/// (second-stage bootloader, nanoCLR, the managed deployment image), the OEM-signed reference manifest over
/// bootloader, table, nanoCLR and deployment, the OEM-signed MCU policy, both packed into the <c>idf</c>
/// partition image (<see cref="IdfRecords"/>), and the OEM public key for the secure element's slot. Nothing is
/// written to a board: <see cref="NanoffCommands"/> lists what a developer with the nanoFramework tools runs.
/// </summary>
public sealed record Esp32DeploymentSet(BoardDescription Board, PartitionTable Partitions, byte[] PartitionTableBinary,
    IReadOnlyDictionary<string, byte[]> Images, ReferenceManifest Manifest, byte[] SignedManifest, byte[] SignedPolicy, byte[] IdfPartition,
    byte[] OemPublicKey)
{
    /// <summary>Manifest label and partition of nanoCLR (the factory app).</summary>
    public const string ClrLabel = "factory";

    /// <summary>Manifest label and partition of the managed deployment image.</summary>
    public const string DeploymentLabel = "deploy";

    /// <summary>The images an ESP32 deployment set needs, by manifest label.</summary>
    public static IReadOnlyList<string> ImageLabels { get; } = [MeasuredBoot.BootloaderLabel, ClrLabel, DeploymentLabel];

    /// <summary>
    /// The MCU policy the flash tool signs by default: every MCU detector required, heap bands 32 KiB / 8 KiB,
    /// stack bands 512 / 128 bytes, three crash resets in a row for a high anomaly, and a task list to adjust to
    /// the board's build (Docs/mcu.md: take it from the board's FreeRTOS task list).
    /// </summary>
    public static McuPolicy DefaultPolicy(uint version) => new(version,
        DetectorFlags.Memory | DetectorFlags.Process | DetectorFlags.Crash | DetectorFlags.IntegrityCheck | DetectorFlags.HsmTamper,
        32 * 1024, 8 * 1024, 512, 128, 3, true,
        ["main", "esp_timer", "ipc0"], ["IDLE0", "IDLE1", "IDLE", "ipc1", "Tmr Svc", "sys_evt", "tiT", "wifi"]);

    /// <summary>Builds and signs a set.</summary>
    /// <param name="board">The board layout (<see cref="ObuBoards.Esp32Obu4MiB"/>).</param>
    /// <param name="flashSizeBytes">The flash of the board at hand (the layout must fit it).</param>
    /// <param name="images">bootloader, factory (nanoCLR) and deploy images by label.</param>
    /// <param name="version">The release version text.</param>
    /// <param name="secureVersion">The images' secure version.</param>
    /// <param name="manifestVersion">The manifest version (monotonic).</param>
    /// <param name="policy">The MCU policy.</param>
    /// <param name="oemKey">The OEM signing key.</param>
    /// <param name="signedAt">The signing time.</param>
    /// <exception cref="PartitionTableException">The layout does not fit the flash.</exception>
    /// <exception cref="ArgumentException">An image is missing, empty, or larger than its region.</exception>
    public static Esp32DeploymentSet Build(BoardDescription board, long flashSizeBytes, IReadOnlyDictionary<string, byte[]> images, string version,
        uint secureVersion, uint manifestVersion, McuPolicy policy, EcdsaP256SignatureKey oemKey, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(oemKey);
        var partitions = board.PartitionsFor(flashSizeBytes);
        if (partitions.Find(IdfRecords.PartitionLabel) is not { } idf)
        {
            throw new ArgumentException($"The board {board.Name} has no '{IdfRecords.PartitionLabel}' partition.", nameof(board));
        }

        var table = partitions.ToBinary();
        var entries = new List<ManifestEntry>();
        var kept = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var label in ImageLabels)
        {
            if (!images.TryGetValue(label, out var image) || image.Length == 0)
            {
                throw new ArgumentException($"The {label} image is missing or empty.", nameof(images));
            }

            var room = label == MeasuredBoot.BootloaderLabel ? MeasuredBoot.BootloaderRegionBytes : partitions.Find(label)?.SizeBytes ?? 0;
            if ((ulong)image.Length > room)
            {
                throw new ArgumentException($"The {label} image of {image.Length} bytes does not fit its region of {room} bytes.", nameof(images));
            }

            kept[label] = image;
            entries.Add(new ManifestEntry(label, version, secureVersion, secureVersion, image.Length, SHA256.HashData(image)));
            if (label == MeasuredBoot.BootloaderLabel)
            {
                // The table is measured right after the bootloader that reads it.
                entries.Add(new ManifestEntry(MeasuredBoot.PartitionTableLabel, version, secureVersion, secureVersion, table.Length, SHA256.HashData(table)));
            }
        }

        var manifest = new ReferenceManifest(manifestVersion, entries);
        var signedManifest = OemDocument.Sign(OemDocumentKind.Manifest, manifest.Encode(), oemKey, signedAt);
        var signedPolicy = OemDocument.Sign(OemDocumentKind.McuPolicy, policy.Encode(), oemKey, signedAt);
        var idfImage = new IdfRecords(signedManifest, signedPolicy).Encode();
        if ((ulong)idfImage.Length > idf.SizeBytes)
        {
            throw new ArgumentException($"The signed manifest and policy ({idfImage.Length} bytes) do not fit the idf partition.", nameof(policy));
        }

        return new Esp32DeploymentSet(board, partitions, table, kept, manifest, signedManifest, signedPolicy, idfImage, UncompressedKey(oemKey.PublicKey));
    }

    /// <summary>The flash address each file of the set goes to.</summary>
    public IReadOnlyList<(string File, uint Address)> Layout =>
    [
        ("bootloader.bin", MeasuredBoot.BootloaderOffset),
        ("partition-table.bin", Firmware.Nano.Boot.PartitionTable.DefaultOffset),
        ("nanoCLR.bin", Partitions[ClrLabel].OffsetBytes),
        ("deployment.bin", Partitions[DeploymentLabel].OffsetBytes),
        ("idf.bin", Partitions[IdfRecords.PartitionLabel].OffsetBytes),
    ];

    /// <summary>Writes the set into <paramref name="directory"/> (with the compiled library when given) and the commands file.</summary>
    public void WriteTo(string directory, string? nanoLibrary, string serialPort, string target)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "bootloader.bin"), Images[MeasuredBoot.BootloaderLabel]);
        File.WriteAllBytes(Path.Combine(directory, "partition-table.bin"), PartitionTableBinary);
        File.WriteAllText(Path.Combine(directory, "partitions.csv"), Board.PartitionCsv);
        File.WriteAllBytes(Path.Combine(directory, "nanoCLR.bin"), Images[ClrLabel]);
        File.WriteAllBytes(Path.Combine(directory, "deployment.bin"), Images[DeploymentLabel]);
        File.WriteAllBytes(Path.Combine(directory, "idf.bin"), IdfPartition);
        File.WriteAllBytes(Path.Combine(directory, "manifest.oem"), SignedManifest);
        File.WriteAllBytes(Path.Combine(directory, "policy.oem"), SignedPolicy);
        File.WriteAllBytes(Path.Combine(directory, "oem-public-key.bin"), OemPublicKey);
        if (nanoLibrary is not null)
        {
            File.Copy(nanoLibrary, Path.Combine(directory, Path.GetFileName(nanoLibrary)), overwrite: true);
        }

        File.WriteAllLines(Path.Combine(directory, "flash-commands.txt"), NanoffCommands(directory, serialPort, target));
    }

    /// <summary>
    /// What a developer with the nanoFramework tools runs (nanoff README: "Update the firmware of an ESP32 target"
    /// with a local CLR file, "Deploy a managed application to an ESP32 target" at an address).
    /// </summary>
    public IReadOnlyList<string> NanoffCommands(string directory, string serialPort, string target)
    {
        string At(uint address) => "0x" + address.ToString("X", CultureInfo.InvariantCulture);
        string FileIn(string name) => Path.Combine(directory, name);
        return
        [
            $"nanoff --update --target {target} --serialport {serialPort} --clrfile \"{FileIn("nanoCLR.bin")}\"",
            $"nanoff --target {target} --serialport {serialPort} --deploy --image \"{FileIn("partition-table.bin")}\" --address {At(Firmware.Nano.Boot.PartitionTable.DefaultOffset)}",
            $"nanoff --target {target} --serialport {serialPort} --deploy --image \"{FileIn("idf.bin")}\" --address {At(Partitions[IdfRecords.PartitionLabel].OffsetBytes)}",
            $"nanoff --target {target} --serialport {serialPort} --deploy --image \"{FileIn("deployment.bin")}\" --address {At(Partitions[DeploymentLabel].OffsetBytes)}",
        ];
    }

    // The OEM key as the secure element stores a public key: X ‖ Y, 64 octets.
    private static byte[] UncompressedKey(PublicVerificationKey key)
    {
        var point = CurveParameters.DecodePoint(key.Algorithm, key.Point);
        return [.. point.AffineXCoord.GetEncoded(), .. point.AffineYCoord.GetEncoded()];
    }
}
