using System;
using Firmware.Nano.Board;
using Firmware.Nano.SecureElement;

namespace Firmware.Nano.Counters;

/// <summary>
/// The anti-replay message counter of the MCU (patent ¶150-153), the scheme of the secure partition
/// (<c>Firmware/SecurePartition/Counters/MessageCounter.cs</c>: a 64-bit value reserved in blocks whose
/// high-water mark is durable before any value below it is used) with the block reservations also counted
/// by a monotonic counter of the secure element, which flash cannot roll back.
/// </summary>
/// <remarks>
/// <para>NVS record <see cref="Key"/>, 16 octets big-endian: high-water mark (u64), the secure element's
/// counter after the reservation (u32), block size (u32). A reservation increments the element's counter
/// to c, then writes (mark, c); values below the mark are handed out only after that write.</para>
/// <para>At start, with e the element's counter now: e = c, or e = c + 1 (a reservation whose NVS write was
/// lost: none of its values went out), resumes at the mark. e &gt; c + 1 means the record is older than the
/// element (an NVS image restored): each increment reserved at most one block, so resuming at
/// mark + (e − c) × block never repeats a value, and <see cref="RollbackDetected"/> says it happened.
/// e &lt; c means another element or a forged record: refused. No record with e = 0 is a first start.</para>
/// <para>The element's counter ends at 2,097,151 reservations: with 1024-value blocks that is 2^31 messages.</para>
/// </remarks>
public sealed class MessageCounter
{
    /// <summary>NVS key of the record.</summary>
    public const string Key = "ctr.hwm";

    private const int RecordSize = 16;

    private readonly INvsStore _store;
    private readonly ISecureElement _element;
    private readonly int _counterId;
    private readonly uint _blockSize;
    private readonly object _lock = new object();
    private ulong _next;
    private ulong _reservedUpTo;

    /// <summary>Resumes from NVS and the secure element.</summary>
    /// <exception cref="CounterException">The record is malformed, of another block size, or ahead of the element.</exception>
    /// <exception cref="SecureElementException">The element does not answer.</exception>
    public MessageCounter(INvsStore store, ISecureElement element, int counterId, uint blockSize)
    {
        if (store == null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        if (element == null)
        {
            throw new ArgumentNullException(nameof(element));
        }

        if (blockSize == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize));
        }

        _store = store;
        _element = element;
        _counterId = counterId;
        _blockSize = blockSize;
        var now = element.Counter(counterId, false);
        var record = store.Read(Key);
        ulong mark = 0;
        uint recorded = 0;
        if (record != null)
        {
            if (record.Length != RecordSize)
            {
                throw new CounterException("the counter record holds " + record.Length + " octets, not " + RecordSize);
            }

            mark = ReadU64(record, 0);
            recorded = ReadU32(record, 8);
            var size = ReadU32(record, 12);
            if (size != blockSize)
            {
                throw new CounterException("the counter record was written with blocks of " + size + ", not " + blockSize);
            }
        }

        if (now < recorded)
        {
            throw new CounterException("the secure element's counter (" + now + ") is behind the record (" + recorded + "): another element or a forged record");
        }

        if (now > recorded + 1)
        {
            // Reservations the record does not know of: skip every block they could have handed out.
            RollbackDetected = true;
            mark = checked(mark + ((ulong)(now - recorded) * blockSize));
        }

        _next = mark;
        _reservedUpTo = mark;
    }

    /// <summary>The NVS record was older than the secure element's counter (restored or rolled back) and was skipped past.</summary>
    public bool RollbackDetected { get; }

    /// <summary>The next value <see cref="Next"/> returns.</summary>
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

    /// <summary>Takes the next value, reserving a block first (element counter, then NVS) when the current one is used up.</summary>
    /// <exception cref="CounterException">The element's counter is exhausted.</exception>
    /// <exception cref="SecureElementException">The element does not answer (no value is handed out).</exception>
    public ulong Next()
    {
        lock (_lock)
        {
            if (_next >= _reservedUpTo)
            {
                var current = _element.Counter(_counterId, false);
                if (current >= Atecc608Protocol.CounterMax)
                {
                    throw new CounterException("the secure element's counter is exhausted");
                }

                var reservation = _element.Counter(_counterId, true);
                var mark = checked(_next + _blockSize);
                var record = new byte[RecordSize];
                WriteU64(record, 0, mark);
                WriteU64(record, 8, ((ulong)reservation << 32) | _blockSize);
                _store.Write(Key, record);
                _reservedUpTo = mark;
            }

            return _next++;
        }
    }

    /// <summary>The 32-bit value on the air (RFC 1982 serial numbers at the receiver), as the secure partition computes it.</summary>
    public static uint OnAir(ulong value, uint offset) => unchecked((uint)value + offset);

    private static ulong ReadU64(byte[] b, int at) => ((ulong)ReadU32(b, at) << 32) | ReadU32(b, at + 4);

    private static uint ReadU32(byte[] b, int at) => ((uint)b[at] << 24) | ((uint)b[at + 1] << 16) | ((uint)b[at + 2] << 8) | b[at + 3];

    private static void WriteU64(byte[] b, int at, ulong value)
    {
        for (var i = 7; i >= 0; i--)
        {
            b[at + i] = (byte)value;
            value >>= 8;
        }
    }
}
