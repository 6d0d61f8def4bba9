using Firmware.SecurePartition.Encoding;

namespace Firmware.SecurePartition.Boot;

/// <summary>
/// An OEM-signed reference manifest (patent ¶138-141: each boot stage is checked against a
/// reference). Format 1 describes the flash images of a board (<see cref="OemDocumentKind.Manifest"/>);
/// format 2 one stage of a sealed deployment (<see cref="OemDocumentKind.DeploymentManifest"/>): the
/// stage's files, and the key that signs the next stage's manifest. Body layout (inside
/// <see cref="OemDocument"/>), big-endian:
/// <code>
/// format 1 (flash images)
/// u8  format (1)
/// u32 manifest version (monotonic; a lower one than already accepted is a rollback)
/// u16 entry count, then per entry:
///     text label | text version | u32 secure version | u32 minimum secure version
///     | u64 image length | 32 bytes SHA-256
///
/// format 2 (a deployment stage)
/// u8  format (2)
/// u32 manifest version (monotonic per stage)
/// text stage ("secure-partition", "application")
/// text release (the deployment's version)
/// bytes next-stage key (33-byte compressed P-256 point, SEC 1 §2.3.3; empty for the last stage)
/// u16 entry count, then per entry:
///     text path | text version | u32 secure version | u32 minimum secure version
///     | u64 size | 32 bytes SHA-256 | u16 mode (permission bits 07777)
/// </code>
/// </summary>
/// <param name="ManifestVersion">Monotonic manifest version.</param>
/// <param name="Entries">The images in boot order, or the stage's files in path order.</param>
public sealed record ReferenceManifest(uint ManifestVersion, IReadOnlyList<ManifestEntry> Entries)
{
    /// <summary>Body format of a flash manifest.</summary>
    public const byte Format = 1;

    /// <summary>Body format of a deployment stage's manifest.</summary>
    public const byte StageFormat = 2;

    /// <summary>Most files one stage manifest may list.</summary>
    public const int MaxStageEntries = 16384;

    /// <summary>Longest path in a stage manifest (UTF-8 bytes).</summary>
    public const int MaxPathBytes = 1024;

    /// <summary>The deployment stage this manifest describes (format 2); empty for a flash manifest.</summary>
    public string Stage { get; init; } = "";

    /// <summary>The deployment's release (format 2).</summary>
    public string Release { get; init; } = "";

    /// <summary>The compressed P-256 key that signs the next stage's manifest (format 2; empty for the last stage).</summary>
    public byte[] NextStageKey { get; init; } = [];

    /// <summary>True for a deployment stage's manifest (format 2).</summary>
    public bool IsStage => Stage.Length > 0;

    /// <summary>The highest secure version of any entry (the stage's secure version).</summary>
    public uint SecureVersion => Entries.Count == 0 ? 0 : Entries.Max(e => e.SecureVersion);

    /// <summary>The entry of a partition or path, or null.</summary>
    public ManifestEntry? Find(string label) => Entries.FirstOrDefault(e => e.Label == label);

    /// <summary>Encodes the body (format 2 when <see cref="Stage"/> is set).</summary>
    public byte[] Encode()
    {
        var w = new ByteWriter(64 + (Entries.Count * 112));
        if (!IsStage)
        {
            w.U8(Format).U32(ManifestVersion).List(Entries.ToList(), static (w, e) =>
            {
                CheckHash(e);
                w.Text(e.Label).Text(e.Version).U32(e.SecureVersion).U32(e.MinimumSecureVersion).U64((ulong)e.ImageLengthBytes).Raw(e.Sha256);
            });
            return w.ToArray();
        }

        if (NextStageKey.Length is not (0 or 33))
        {
            throw new ArgumentException("The next-stage key is a 33-byte compressed P-256 point.", nameof(NextStageKey));
        }

        w.U8(StageFormat).U32(ManifestVersion).Text(Stage).Text(Release).Bytes(NextStageKey).List(Entries.ToList(), static (w, e) =>
        {
            CheckHash(e);
            w.Text(e.Label).Text(e.Version).U32(e.SecureVersion).U32(e.MinimumSecureVersion).U64((ulong)e.ImageLengthBytes).Raw(e.Sha256)
                .U16((ushort)(e.Mode & 0xFFF));
        });
        return w.ToArray();
    }

    /// <summary>Decodes a body of either format.</summary>
    /// <exception cref="MalformedDataException">The body is not a manifest.</exception>
    public static ReferenceManifest Decode(ReadOnlyMemory<byte> body)
    {
        var r = new ByteReader(body, "ReferenceManifest");
        var format = r.U8("format");
        if (format is not (Format or StageFormat))
        {
            throw r.Fail("format", 0, $"format {format} is neither {Format} nor {StageFormat}");
        }

        var version = r.U32("manifestVersion");
        ReferenceManifest manifest;
        if (format == Format)
        {
            manifest = new ReferenceManifest(version, r.List("entries", 16, static r =>
            {
                var (label, v, sv, min, length) = (r.Text("label", 16), r.Text("version", 32), r.U32("secureVersion"), r.U32("minimumSecureVersion"), Length(r));
                return new ManifestEntry(label, v, sv, min, length, r.Raw(32, "sha256"));
            }));
        }
        else
        {
            var stage = r.Text("stage", 32);
            var release = r.Text("release", 64);
            var at = r.Offset;
            var key = r.Bytes("nextStageKey", 33);
            if (key.Length is not (0 or 33) || stage.Length == 0)
            {
                throw r.Fail("nextStageKey", at, "a stage manifest names a stage and a 33-byte key or none");
            }

            manifest = new ReferenceManifest(version, r.List("entries", MaxStageEntries, static r =>
            {
                var (path, v, sv, min, length) = (r.Text("path", MaxPathBytes), r.Text("version", 64), r.U32("secureVersion"), r.U32("minimumSecureVersion"), Length(r));
                var hash = r.Raw(32, "sha256");
                var at = r.Offset;
                var mode = r.U16("mode");
                return mode > 0xFFF ? throw r.Fail("mode", at, "mode has bits above 07777") : new ManifestEntry(path, v, sv, min, length, hash, mode);
            }))
            { Stage = stage, Release = release, NextStageKey = key };
        }

        r.ExpectEnd();
        if (manifest.Entries.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count() != manifest.Entries.Count)
        {
            throw r.Fail("entries", 0, "a label appears twice");
        }

        return manifest;
    }

    private static long Length(ByteReader r)
    {
        var at = r.Offset;
        var length = r.U64("imageLength");
        return length > int.MaxValue * 16UL ? throw r.Fail("imageLength", at, "image length out of range") : (long)length;
    }

    private static void CheckHash(ManifestEntry e)
    {
        if (e.Sha256.Length != 32)
        {
            throw new ArgumentException("A SHA-256 is 32 bytes.", nameof(Entries));
        }
    }
}
