using System;
using Firmware.Nano.Board;
using Firmware.Nano.Crypto;
using Firmware.Nano.Oer;
using Firmware.Nano.Policy;
using Firmware.Nano.SecureElement;

namespace Firmware.Nano.Boot;

/// <summary>
/// Measured boot on the MCU (patent ¶134, ¶138-141; the Linux side is <c>Firmware/SecurePartition/Boot/MeasuredBoot.cs</c>):
/// reads the ESP-IDF partition table, opens the OEM-signed manifest and policy from the <see cref="IdfRecords"/>
/// partition through the secure element, refuses a manifest older than the one accepted before (NVS
/// <see cref="ManifestVersionKey"/>), and hashes every image the manifest names from the start of its region:
/// <c>bootloader</c> at 0x1000 and <c>ptable</c> at 0x8000 (the ESP32's fixed offsets), every other label in
/// the partition of that name. Nothing is trusted before it is measured: the table only says where to look.
/// </summary>
public static class MeasuredBoot
{
    /// <summary>The ESP32 second-stage bootloader's flash offset.</summary>
    public const uint BootloaderOffset = 0x1000;

    /// <summary>Room of the bootloader region (up to the partition table).</summary>
    public const uint BootloaderRegionBytes = 0x7000;

    /// <summary>NVS key of the highest manifest version accepted (u32 big-endian).</summary>
    public const string ManifestVersionKey = "oem.mver";

    /// <summary>Manifest label of the bootloader image.</summary>
    public const string BootloaderLabel = "bootloader";

    /// <summary>Manifest label of the partition table image.</summary>
    public const string PartitionTableLabel = "ptable";

    private const int ChunkBytes = 4096;

    /// <summary>Measures the boot chain.</summary>
    /// <exception cref="SecureElementException">The secure element does not answer (the caller reports the HSM fault).</exception>
    public static BootMeasurement Run(IFlashReader flash, INvsStore nvs, ISecureElement element, int oemKeySlot)
    {
        if (flash == null || nvs == null || element == null)
        {
            throw new ArgumentNullException(flash == null ? nameof(flash) : nvs == null ? nameof(nvs) : nameof(element));
        }

        PartitionTable table;
        ReferenceManifest manifest;
        McuPolicy policy;
        try
        {
            var tableBytes = new byte[PartitionTable.MaxBytes];
            flash.Read(PartitionTable.DefaultOffset, tableBytes, 0, tableBytes.Length);
            table = PartitionTable.Parse(tableBytes, flash.SizeBytes);
            var records = IdfRecords.Read(flash, table.Find(IdfRecords.PartitionLabel));
            manifest = ReferenceManifest.Decode(OemDocument.Open(records.SignedManifest, OemDocumentKind.Manifest, element, oemKeySlot));
            policy = McuPolicy.Decode(OemDocument.Open(records.SignedPolicy, OemDocumentKind.McuPolicy, element, oemKeySlot));
        }
        catch (MalformedDataException e)
        {
            return new BootMeasurement(null, null, "OEM records: " + e.Message, null);
        }
        catch (OemDocumentException e)
        {
            return new BootMeasurement(null, null, "OEM records: " + e.Message, null);
        }

        var accepted = nvs.Read(ManifestVersionKey);
        var acceptedVersion = accepted != null && accepted.Length == 4
            ? ((uint)accepted[0] << 24) | ((uint)accepted[1] << 16) | ((uint)accepted[2] << 8) | accepted[3]
            : 0u;
        if (manifest.ManifestVersion < acceptedVersion)
        {
            return new BootMeasurement(null, policy, "manifest version " + manifest.ManifestVersion + " is older than the accepted " + acceptedVersion + " (rollback)", null);
        }

        var stages = new StageMeasurement[manifest.Entries.Length];
        for (var i = 0; i < stages.Length; i++)
        {
            stages[i] = Measure(flash, table, manifest.Entries[i]);
        }

        var result = new BootMeasurement(manifest, policy, null, stages);
        if (result.IsClean && manifest.ManifestVersion > acceptedVersion)
        {
            var v = manifest.ManifestVersion;
            nvs.Write(ManifestVersionKey, new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v });
        }

        return result;
    }

    private static StageMeasurement Measure(IFlashReader flash, PartitionTable table, ManifestEntry entry)
    {
        uint offset;
        uint size;
        if (entry.Label == BootloaderLabel)
        {
            offset = BootloaderOffset;
            size = BootloaderRegionBytes;
        }
        else if (entry.Label == PartitionTableLabel)
        {
            offset = PartitionTable.DefaultOffset;
            size = PartitionTable.MaxBytes;
        }
        else
        {
            var partition = table.Find(entry.Label);
            if (partition == null)
            {
                return new StageMeasurement(entry.Label, StageVerdict.Missing, "no partition " + entry.Label + " in the table");
            }

            offset = partition.Offset;
            size = partition.Size;
        }

        if (entry.ImageLengthBytes > size)
        {
            return new StageMeasurement(entry.Label, StageVerdict.TooLong, "image of " + entry.ImageLengthBytes + " bytes in a region of " + size);
        }

        var sha = new Sha256();
        var chunk = new byte[ChunkBytes];
        var left = (uint)entry.ImageLengthBytes;
        var at = offset;
        while (left > 0)
        {
            var n = left < ChunkBytes ? (int)left : ChunkBytes;
            flash.Read(at, chunk, 0, n);
            sha.Append(chunk, 0, n);
            at += (uint)n;
            left -= (uint)n;
        }

        var digest = new byte[32];
        sha.Finish(digest, 0);
        for (var i = 0; i < 32; i++)
        {
            if (digest[i] != entry.Sha256[i])
            {
                return new StageMeasurement(entry.Label, StageVerdict.Mismatch, entry.Label + " does not match its manifest digest");
            }
        }

        return new StageMeasurement(entry.Label, StageVerdict.Match, entry.Label + " matches");
    }
}
