using Hardware.Storage;

namespace Firmware.SecurePartition.BlackBox;

/// <summary>
/// The head record: sequence and hash of the last entry appended, kept outside the log (durable
/// store key "bb.head": u64 big-endian then 32 bytes) so that cutting entries off the end of the
/// log is detected.
/// </summary>
/// <param name="Sequence">Last sequence appended.</param>
/// <param name="Hash">Its entry hash.</param>
public sealed record BlackBoxHead(ulong Sequence, byte[] Hash)
{
    /// <summary>Durable-store key.</summary>
    public const string Key = "bb.head";

    /// <summary>Reads the head record (null when none or not 40 bytes).</summary>
    public static BlackBoxHead? Read(IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var b = store.Read(Key);
        return b is { Length: 40 } ? new BlackBoxHead(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b), b[8..]) : null;
    }

    /// <summary>Writes the head record.</summary>
    public void Write(IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var b = new byte[40];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b, Sequence);
        Hash.CopyTo(b, 8);
        store.Write(Key, b);
    }
}
