using System.Buffers.Binary;
using System.Security.Cryptography;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Triggers;
using Hardware.Boards;
using Hardware.Flash;
using Hardware.Storage;
using V2x.Security.Crypto;

namespace Firmware.Host;

/// <summary>
/// What `flash` writes to a board: the images (bootloader, os, idf, app, each a 128-byte header
/// and a body), the OEM-signed reference manifest over them, and the OEM-signed detection policy.
/// Writing also raises the flash generation (the re-flash that may clear integrity latches).
/// </summary>
/// <param name="Images">Image bytes by partition label.</param>
/// <param name="Manifest">The manifest.</param>
/// <param name="SignedManifest">The manifest as an OEM-signed document.</param>
/// <param name="SignedPolicy">The policy as an OEM-signed document.</param>
public sealed record FirmwareImageSet(IReadOnlyDictionary<string, byte[]> Images, ReferenceManifest Manifest, byte[] SignedManifest, byte[] SignedPolicy)
{
    /// <summary>
    /// Builds the set for a partition table: reference bodies (Hardware/Boards/ReferenceImages) or
    /// the given bodies, headers with the version and secure version, the manifest and the policy,
    /// both signed with the OEM key.
    /// </summary>
    /// <exception cref="ArgumentException">A body does not fit its partition, or a version is invalid.</exception>
    public static FirmwareImageSet Build(PartitionTable partitions, string version, uint secureVersion, uint minimumSecureVersion, uint manifestVersion,
        DetectionPolicy policy, ISignatureKey oemKey, DateTimeOffset signedAt, IReadOnlyDictionary<string, byte[]>? bodies = null)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(oemKey);
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var entries = new List<ManifestEntry>();
        foreach (var label in ObuPartitions.Images)
        {
            if (partitions.Find(label) is not { } partition)
            {
                continue;
            }

            byte[] image;
            if (bodies is not null && bodies.TryGetValue(label, out var body))
            {
                if (FirmwareImageHeader.SizeBytes + (long)body.Length > partition.SizeBytes)
                {
                    throw new ArgumentException($"The {label} body of {body.Length} bytes does not fit its partition.", nameof(bodies));
                }

                var header = new FirmwareImageHeader(label, version, secureVersion, signedAt, (uint)body.Length);
                image = [.. header.ToBytes(), .. body];
            }
            else
            {
                image = ReferenceImages.Build(label, partition.SizeBytes, version, secureVersion);
            }

            images[label] = image;
            entries.Add(new ManifestEntry(label, version, secureVersion, Math.Min(minimumSecureVersion, secureVersion), image.Length, SHA256.HashData(image)));
        }

        var manifest = new ReferenceManifest(manifestVersion, entries);
        return new FirmwareImageSet(images, manifest,
            OemDocument.Sign(OemDocumentKind.Manifest, manifest.Encode(), oemKey, signedAt),
            PolicyCodec.Sign(policy, oemKey, signedAt))
        { SignedAt = signedAt };
    }

    /// <summary>When the set was signed (the local update's install time).</summary>
    public DateTimeOffset SignedAt { get; init; }

    /// <summary>Erases and writes every image, stores the manifest and policy, and raises the flash generation.</summary>
    public void WriteTo(IFlashImage flash, IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(flash);
        ArgumentNullException.ThrowIfNull(store);
        foreach (var (label, image) in Images)
        {
            var size = flash.Partitions[label].SizeBytes;
            flash.Erase(label, 0, size);
            flash.Write(label, 0, image);
        }

        store.Write(MeasuredBoot.ManifestKey, SignedManifest);
        store.Write(MeasuredBoot.PolicyKey, SignedPolicy);
        var generation = store.Read(MeasuredBoot.FlashGenerationKey) is { Length: 8 } g ? BinaryPrimitives.ReadUInt64BigEndian(g) : 0;
        var next = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(next, generation + 1);
        store.Write(MeasuredBoot.FlashGenerationKey, next);
        if (generation > 0)
        {
            // Patent ¶114: an update completed locally (the flashing tool); the target "" is the board's flash.
            new UpdateRecord(UpdateOrigin.Local, "", Manifest.Entries.FirstOrDefault()?.Version ?? "", Manifest.Entries.Count == 0 ? 0 : Manifest.Entries.Max(e => e.SecureVersion),
                generation + 1, SignedAt).Write(store);
        }
    }
}
