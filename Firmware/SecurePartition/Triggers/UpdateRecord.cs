using Firmware.SecurePartition.Encoding;
using Hardware.Storage;

namespace Firmware.SecurePartition.Triggers;

/// <summary>
/// An installed update waiting for the restart that runs it (durable record "update.pending",
/// written by the installer before it switches, or by `flash` over an earlier image). At its next
/// boot the partition adopts the record's flash generation when it booted the record's target,
/// raises the update-completed trigger of patent ¶114 (<see cref="Trigger"/>) and removes the
/// record; a record whose target did not boot is an update that never switched and is removed with
/// a note in the boot report. Body, big-endian (<see cref="ByteWriter"/>):
/// <code>
/// u8 format (1) | u8 origin (1 over the air, 2 local) | text target (the booted deployment root it
/// installed, realpath; empty for flash) | text release | u32 secure version | u64 flash generation | time installed
/// </code>
/// </summary>
/// <param name="Origin">Over the air or local.</param>
/// <param name="Target">The deployment root (slot) it installed, as realpath(3) resolves it; empty for a flashed image set.</param>
/// <param name="Release">The release installed.</param>
/// <param name="SecureVersion">Its secure version.</param>
/// <param name="Generation">The flash generation it brings (a re-install, which may clear integrity latches at a clean boot).</param>
/// <param name="InstalledAt">When it was installed.</param>
public sealed record UpdateRecord(UpdateOrigin Origin, string Target, string Release, uint SecureVersion, ulong Generation, DateTimeOffset InstalledAt)
{
    /// <summary>The durable-store key.</summary>
    public const string StoreKey = "update.pending";

    private const byte Format = 1;

    /// <summary>The trigger the completed update raises.</summary>
    public TriggerKind Trigger => Origin == UpdateOrigin.OverTheAir ? TriggerKind.UpdateOverTheAir : TriggerKind.UpdateLocal;

    /// <summary>Encodes the record.</summary>
    public byte[] Encode() =>
        new ByteWriter(128).U8(Format).U8((byte)Origin).Text(Target).Text(Release).U32(SecureVersion).U64(Generation).Time(InstalledAt).ToArray();

    /// <summary>Decodes a record.</summary>
    /// <exception cref="MalformedDataException">Not a record.</exception>
    public static UpdateRecord Decode(ReadOnlyMemory<byte> bytes)
    {
        var r = new ByteReader(bytes, "UpdateRecord");
        var format = r.U8("format");
        if (format != Format)
        {
            throw r.Fail("format", 0, $"format {format} is not {Format}");
        }

        var record = new UpdateRecord(r.Enum<UpdateOrigin>("origin"), r.Text("target", 4096), r.Text("release", 64), r.U32("secureVersion"),
            r.U64("generation"), r.Time("installedAt"));
        r.ExpectEnd();
        return record;
    }

    /// <summary>The pending record, or null.</summary>
    /// <exception cref="MalformedDataException">The stored record does not decode.</exception>
    public static UpdateRecord? Read(IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(StoreKey) is { } bytes ? Decode(bytes) : null;
    }

    /// <summary>Stores the record (durably: the installer switches only after this returns).</summary>
    public void Write(IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Write(StoreKey, Encode());
    }

    /// <summary>Removes the pending record.</summary>
    public static void Clear(IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Delete(StoreKey);
    }
}
