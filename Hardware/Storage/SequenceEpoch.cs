using System.Buffers.Binary;

namespace Hardware.Storage;

/// <summary>
/// Sequence numbers that keep increasing across restarts for event logs kept in memory (the
/// detectors persist their cursor in some logs): each start takes the next epoch from a durable
/// record and numbers its events epoch × 2^32 + 1, + 2, … so the first event after a restart is
/// above any cursor of the previous run.
/// </summary>
public static class SequenceEpoch
{
    /// <summary>The first sequence number of this run (the epoch is persisted before it is used).</summary>
    /// <exception cref="StorageException">The record is corrupted.</exception>
    public static long Begin(IDurableStore store, string key)
    {
        ArgumentNullException.ThrowIfNull(store);
        var previous = store.Read(key) is { Length: 4 } b ? BinaryPrimitives.ReadUInt32BigEndian(b) : 0u;
        var epoch = previous == int.MaxValue ? throw new StorageException($"The sequence epoch {key} is exhausted.") : previous + 1;
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, epoch);
        store.Write(key, bytes);
        return (long)epoch << 32;
    }
}
