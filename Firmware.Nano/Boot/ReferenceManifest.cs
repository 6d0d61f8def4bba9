using System;
using Firmware.Nano.Oer;

namespace Firmware.Nano.Boot;

/// <summary>
/// The OEM's reference manifest body, the format of <c>Firmware/SecurePartition/Boot/ReferenceManifest.cs</c>
/// (patent ¶138-141): u8 format (1), u32 manifest version, u16 entry count, then per entry text label, text
/// version, u32 secure version, u32 minimum secure version, u64 image length, 32 octets SHA-256.
/// </summary>
public sealed class ReferenceManifest
{
    /// <summary>The body format read.</summary>
    public const byte Format = 1;

    private const int MaxEntries = 16;

    private ReferenceManifest(uint manifestVersion, ManifestEntry[] entries)
    {
        ManifestVersion = manifestVersion;
        Entries = entries;
    }

    /// <summary>The monotonic manifest version.</summary>
    public uint ManifestVersion { get; }

    /// <summary>The images in boot order.</summary>
    public ManifestEntry[] Entries { get; }

    /// <summary>Decodes a body.</summary>
    /// <exception cref="MalformedDataException">Not a manifest body.</exception>
    public static ReferenceManifest Decode(byte[] body)
    {
        var r = new OerReader(body, "ReferenceManifest");
        var format = r.ReadByte("format");
        if (format != Format)
        {
            throw r.Fail("format", "format " + format + " is not " + Format);
        }

        var version = r.ReadUInt32("manifestVersion");
        var count = r.ReadUInt16("entries");
        if (count > MaxEntries)
        {
            throw r.Fail("entries", count + " entries exceed " + MaxEntries);
        }

        var entries = new ManifestEntry[count];
        for (var i = 0; i < count; i++)
        {
            var label = r.ReadText("label", 16);
            var v = r.ReadText("version", 32);
            var sv = r.ReadUInt32("secureVersion");
            var min = r.ReadUInt32("minimumSecureVersion");
            var length = r.ReadUInt64("imageLength");
            if (length > uint.MaxValue)
            {
                throw r.Fail("imageLength", "image length out of range");
            }

            entries[i] = new ManifestEntry(label, v, sv, min, length, r.ReadBytes(32, "sha256"));
            for (var j = 0; j < i; j++)
            {
                if (entries[j].Label == label)
                {
                    throw r.Fail("entries", "label " + label + " appears twice");
                }
            }
        }

        r.ExpectEnd();
        return new ReferenceManifest(version, entries);
    }
}
