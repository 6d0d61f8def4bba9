using System.Buffers;
using System.Security.Cryptography;
using Hardware.Boards;
using Hardware.Flash;
using Hardware.Storage;

namespace Firmware.SecurePartition.Boot;

/// <summary>
/// The secure boot chain as the IDF measures it (patent ¶134, ¶138-141, fig. 5): the boot ROM
/// verifies the reference manifest with the pinned OEM key, then every stage (bootloader, secure
/// OS, IDF, application) is hashed and compared with the manifest; anti-rollback compares each
/// secure version with the persisted minimum. After a clean boot the minimums are raised to the
/// running versions (ESP-IDF anti-rollback: the eFuse secure_version follows the app that booted).
/// </summary>
public static class MeasuredBoot
{
    /// <summary>Durable-store key of the signed reference manifest.</summary>
    public const string ManifestKey = "oem.manifest";

    /// <summary>Durable-store key of the signed detection policy.</summary>
    public const string PolicyKey = "oem.policy";

    /// <summary>Durable-store key of the flash generation (u64, raised by every flashing).</summary>
    public const string FlashGenerationKey = "flash.generation";

    private const int ChunkBytes = 1 << 20;

    /// <summary>
    /// The measured boot of a board: its flash images (when it has flash) and its sealed deployment
    /// (when it has one, <see cref="DeploymentBoot"/>). Each part raises its own anti-rollback state
    /// when it is clean.
    /// </summary>
    public static BootResult Run(Hardware.BoardCapabilities board, BootRom rom, DeploymentCheckOptions deploymentOptions)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(deploymentOptions);
        var result = Run(board.Flash, board.Storage, rom);
        return board.Deployment is { } tree
            ? result with { Deployment = DeploymentBoot.Run(tree, board.FileMeasurements, board.Storage, rom, deploymentOptions, board.Time.GetUtcNow()) }
            : result;
    }

    /// <summary>Loads and verifies the manifest, measures every stage, and on a clean boot raises the anti-rollback minimums.</summary>
    public static BootResult Run(IFlashImage? flash, IDurableStore store, BootRom rom)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rom);
        var rollback = new AntiRollback(store);
        ReferenceManifest? manifest = null;
        string? problem = null;
        try
        {
            manifest = LoadManifest(store, rom, rollback);
        }
        catch (OemDocumentException e) when (flash is not null || e.Error != OemDocumentError.Missing)
        {
            problem = $"{e.Error}: {e.Message}";
        }
        catch (OemDocumentException)
        {
            // A board without flash images has nothing a manifest could describe: the integrity
            // detector reports "cannot be checked" instead.
        }

        if (flash is null)
        {
            return new BootResult(manifest, problem, [], new byte[32], [], false);
        }

        var stages = new List<StageMeasurement>();
        foreach (var label in ObuPartitions.Images)
        {
            if (flash.Partitions.Find(label) is null)
            {
                continue;
            }

            stages.Add(MeasureStage(flash, label, manifest, rollback.MinimumFor(label)));
        }

        var aggregate = new byte[32];
        foreach (var s in stages)
        {
            aggregate = SHA256.HashData([.. aggregate, .. s.Sha256]);
        }

        var result = new BootResult(manifest, problem, stages, aggregate, HashPartitionTable(flash), true);
        if (result.IsClean)
        {
            foreach (var s in stages)
            {
                rollback.RaiseMinimum(s.Label, Math.Max(s.SecureVersion, manifest!.Find(s.Label)!.MinimumSecureVersion));
            }

            rollback.RaiseManifestVersion(manifest!.ManifestVersion);
        }

        return result;
    }

    /// <summary>Reads and verifies the stored manifest; refuses one older than the highest accepted.</summary>
    /// <exception cref="OemDocumentException">Missing, badly signed, malformed or stale.</exception>
    public static ReferenceManifest LoadManifest(IDurableStore store, BootRom rom, AntiRollback rollback)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rollback);
        var bytes = store.Read(ManifestKey) ?? throw new OemDocumentException(OemDocumentError.Missing, "No reference manifest is stored.");
        var (body, _) = OemDocument.Open(bytes, OemDocumentKind.Manifest, rom);
        ReferenceManifest manifest;
        try
        {
            manifest = ReferenceManifest.Decode(body);
        }
        catch (Encoding.MalformedDataException e)
        {
            throw new OemDocumentException(OemDocumentError.BadBody, e.Message, e);
        }

        if (manifest.IsStage)
        {
            throw new OemDocumentException(OemDocumentError.BadBody, "The flash manifest is a deployment stage's manifest.");
        }

        if (manifest.ManifestVersion < rollback.ManifestVersion)
        {
            throw new OemDocumentException(OemDocumentError.Stale,
                $"Manifest version {manifest.ManifestVersion} is below the accepted {rollback.ManifestVersion} (rollback).");
        }

        return manifest;
    }

    /// <summary>Measures one stage against the manifest and the persisted minimum secure version.</summary>
    public static StageMeasurement MeasureStage(IFlashImage flash, string label, ReferenceManifest? manifest, uint persistedMinimum)
    {
        ArgumentNullException.ThrowIfNull(flash);
        FirmwareImageHeader header;
        try
        {
            header = FirmwareImageHeader.Read(flash, label);
        }
        catch (FirmwareImageException e)
        {
            return new StageMeasurement(label, "", 0, [], StageVerdict.Unreadable, $"image header: {e.Error}");
        }

        var entry = manifest?.Find(label);
        var length = entry?.ImageLengthBytes ?? header.ImageLengthBytes;
        var partitionSize = flash.Partitions[label].SizeBytes;
        if (length > partitionSize)
        {
            return new StageMeasurement(label, header.Version, header.SecureVersion, [], StageVerdict.Tampered,
                $"manifest length {length} exceeds the partition");
        }

        var hash = HashImage(flash, label, length);
        if (entry is null)
        {
            return new StageMeasurement(label, header.Version, header.SecureVersion, hash, StageVerdict.NoReference,
                manifest is null ? "no verified manifest" : "not in the manifest");
        }

        // ESP-IDF anti-rollback: an image whose secure_version is below the eFuse value is refused.
        var minimum = Math.Max(persistedMinimum, entry.MinimumSecureVersion);
        if (header.SecureVersion < minimum)
        {
            return new StageMeasurement(label, header.Version, header.SecureVersion, hash, StageVerdict.RolledBack,
                $"secure version {header.SecureVersion} below minimum {minimum}");
        }

        if (!CryptographicOperations.FixedTimeEquals(hash, entry.Sha256) || header.Version != entry.Version || header.SecureVersion != entry.SecureVersion)
        {
            return new StageMeasurement(label, header.Version, header.SecureVersion, hash, StageVerdict.Tampered,
                $"SHA-256 {Convert.ToHexStringLower(hash)} differs from the manifest's {Convert.ToHexStringLower(entry.Sha256)}");
        }

        return new StageMeasurement(label, header.Version, header.SecureVersion, hash, StageVerdict.Verified, "matches the manifest");
    }

    /// <summary>SHA-256 (FIPS 180-4) of the first <paramref name="lengthBytes"/> bytes of a partition, read in 1 MiB chunks.</summary>
    public static byte[] HashImage(IFlashImage flash, string label, long lengthBytes)
    {
        ArgumentNullException.ThrowIfNull(flash);
        ArgumentOutOfRangeException.ThrowIfNegative(lengthBytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (long at = 0; at < lengthBytes; at += ChunkBytes)
            {
                var n = (int)Math.Min(ChunkBytes, lengthBytes - at);
                flash.Read(label, at, buffer.AsSpan(0, n));
                hash.AppendData(buffer, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256 of the partition-table sector (the layout is configuration the IDF re-checks at runtime).</summary>
    public static byte[] HashPartitionTable(IFlashImage flash)
    {
        ArgumentNullException.ThrowIfNull(flash);
        var table = flash.Partitions.Find(ObuPartitions.PartitionTable);
        return table is null ? SHA256.HashData(flash.Partitions.ToBinary()) : HashImage(flash, ObuPartitions.PartitionTable, table.SizeBytes);
    }
}
