using System.Buffers.Binary;
using Hardware.Storage;

namespace Firmware.SecurePartition.Counters;

/// <summary>
/// The anti-replay message counter (patent ¶150-153): a 64-bit internal value that strictly
/// increases across restarts and crashes and is never handed out twice. Values are reserved in
/// blocks: the high-water mark (u64 big-endian under "ctr.hwm") is made durable before any value
/// below it is used, so after a crash at any instruction the next start resumes at the stored
/// mark, skipping at most one block. Thread-safe.
/// </summary>
public sealed class MessageCounter
{
    /// <summary>Durable-store key of the high-water mark.</summary>
    public const string Key = "ctr.hwm";

    private readonly IDurableStore _store;
    private readonly uint _blockSize;
    private readonly Lock _lock = new();
    private ulong _next;
    private ulong _reservedUpTo;

    /// <summary>Resumes from the stored high-water mark.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Block size 0.</exception>
    /// <exception cref="StorageException">The stored mark is corrupt (the counter refuses to guess).</exception>
    public MessageCounter(IDurableStore store, uint blockSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfZero(blockSize);
        _store = store;
        _blockSize = blockSize;
        var stored = store.Read(Key);
        if (stored is not null && stored.Length != 8)
        {
            throw new StorageException($"The counter record holds {stored.Length} bytes, not 8.");
        }

        _next = stored is null ? 0 : BinaryPrimitives.ReadUInt64BigEndian(stored);
        _reservedUpTo = _next;
    }

    /// <summary>The next value <see cref="Next"/> will return.</summary>
    public ulong Peek
    {
        get
        {
            lock (_lock)
            {
                return _next;
            }
        }
    }

    /// <summary>Takes the next value, reserving a new block durably first when the current one is used up.</summary>
    /// <exception cref="OverflowException">The 64-bit counter is exhausted (never, at any real message rate).</exception>
    public ulong Next()
    {
        lock (_lock)
        {
            if (_next >= _reservedUpTo)
            {
                var mark = checked(_next + _blockSize);
                var bytes = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(bytes, mark);
                _store.Write(Key, bytes);
                _reservedUpTo = mark;
            }

            return _next++;
        }
    }

    /// <summary>
    /// The 32-bit value on the air for an internal value and a per-pseudonym offset: wraps modulo
    /// 2^32; receivers compare with serial-number arithmetic (RFC 1982 §3.2, SERIAL_BITS = 32).
    /// </summary>
    public static uint OnAir(ulong value, uint offset) => unchecked((uint)value + offset);
}
