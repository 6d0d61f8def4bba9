using Firmware.SecurePartition.Encoding;

namespace Firmware.SecurePartition.Boot;

/// <summary>
/// The OEM-signed reference manifest (patent ¶138-141: each boot stage is checked against a
/// reference): for every image its version, secure version, minimum secure version, length and
/// SHA-256. Body layout (inside <see cref="OemDocument"/>), big-endian:
/// <code>
/// u8  format (1)
/// u32 manifest version (monotonic; a lower one than already accepted is a rollback)
/// u16 entry count, then per entry:
///     text label | text version | u32 secure version | u32 minimum secure version
///     | u64 image length | 32 bytes SHA-256
/// </code>
/// </summary>
/// <param name="ManifestVersion">Monotonic manifest version.</param>
/// <param name="Entries">The images in boot order.</param>
public sealed record ReferenceManifest(uint ManifestVersion, IReadOnlyList<ManifestEntry> Entries)
{
    /// <summary>Body format this code writes and reads.</summary>
    public const byte Format = 1;

    /// <summary>The entry of a partition, or null.</summary>
    public ManifestEntry? Find(string label) => Entries.FirstOrDefault(e => e.Label == label);

    /// <summary>Encodes the body.</summary>
    public byte[] Encode()
    {
        var w = new ByteWriter(64 + (Entries.Count * 96));
        w.U8(Format).U32(ManifestVersion).List(Entries.ToList(), static (w, e) =>
        {
            if (e.Sha256.Length != 32)
            {
                throw new ArgumentException("A SHA-256 is 32 bytes.", nameof(Entries));
            }

            w.Text(e.Label).Text(e.Version).U32(e.SecureVersion).U32(e.MinimumSecureVersion).U64((ulong)e.ImageLengthBytes).Raw(e.Sha256);
        });
        return w.ToArray();
    }

    /// <summary>Decodes a body.</summary>
    /// <exception cref="MalformedDataException">The body is not a manifest.</exception>
    public static ReferenceManifest Decode(ReadOnlyMemory<byte> body)
    {
        var r = new ByteReader(body, "ReferenceManifest");
        var format = r.U8("format");
        if (format != Format)
        {
            throw r.Fail("format", 0, $"format {format} is not {Format}");
        }

        var version = r.U32("manifestVersion");
        var entries = r.List("entries", 16, static r =>
        {
            var label = r.Text("label", 16);
            var v = r.Text("version", 32);
            var sv = r.U32("secureVersion");
            var min = r.U32("minimumSecureVersion");
            var at = r.Offset;
            var length = r.U64("imageLength");
            if (length > int.MaxValue * 16UL)
            {
                throw r.Fail("imageLength", at, "image length out of range");
            }

            return new ManifestEntry(label, v, sv, min, (long)length, r.Raw(32, "sha256"));
        });
        r.ExpectEnd();
        if (entries.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count() != entries.Count)
        {
            throw r.Fail("entries", 0, "a label appears twice");
        }

        return new ReferenceManifest(version, entries);
    }
}
