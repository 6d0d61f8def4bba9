using Hardware.Storage;
using V2x.Security.Crypto;

namespace Firmware.SecurePartition.BlackBox;

/// <summary>
/// The append-only, hash-chained, signed log of detailed reports (patent ¶127: the in-vehicle
/// black box / event data recorder). Only the secure partition writes it; its key stays in the
/// key store. Bounded: a ring of <see cref="BlackBoxFormat.SegmentCount"/> segments (the oldest
/// segment is erased when the newest is full). Sequences are never reused, even after the log was
/// cut (the head record carries on). A torn last entry (power cut mid-append) is never appended
/// after: the next append opens a fresh segment. Thread-safe.
/// </summary>
public sealed class BlackBoxLog
{
    private readonly IBlackBoxMedium _medium;
    private readonly IDurableStore _store;
    private readonly ISignatureKey _key;
    private readonly long _segmentBytes;
    private readonly List<(ulong Sequence, long Offset, int Length, int Segment)> _index = [];
    private readonly Lock _lock = new();
    private int _segment;
    private ulong _segmentNumber;
    private long _writeOffset;
    private ulong _nextSequence;
    private byte[] _previousHash = new byte[32];
    private bool _tailDirty;

    /// <summary>Opens (formatting an empty medium) the log.</summary>
    /// <exception cref="ArgumentException">The medium is smaller than <see cref="BlackBoxFormat.MinimumCapacityBytes"/>.</exception>
    public BlackBoxLog(IBlackBoxMedium medium, IDurableStore store, ISignatureKey key)
    {
        ArgumentNullException.ThrowIfNull(medium);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(key);
        if (medium.CapacityBytes < BlackBoxFormat.MinimumCapacityBytes)
        {
            throw new ArgumentException($"A black box needs at least {BlackBoxFormat.MinimumCapacityBytes} bytes.", nameof(medium));
        }

        _medium = medium;
        _store = store;
        _key = key;
        _segmentBytes = BlackBoxFormat.SegmentBytes(medium.CapacityBytes);
        Open();
    }

    /// <summary>Largest payload one entry can carry.</summary>
    public int MaxPayloadBytes => (int)(_segmentBytes - BlackBoxFormat.SegmentHeaderBytes - BlackBoxFormat.EntryOverheadBytes);

    /// <summary>The last sequence appended (0 when none).</summary>
    public ulong LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _nextSequence - 1;
            }
        }
    }

    /// <summary>
    /// Appends a signed entry; returns its sequence. The head record is updated after the entry is
    /// written; when that update fails the exception propagates, the entry stays and its sequence is spent.
    /// </summary>
    /// <exception cref="ArgumentException">The payload does not fit in a segment.</exception>
    public ulong Append(byte kind, ReadOnlySpan<byte> payload, DateTimeOffset time)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            throw new ArgumentException($"A black-box payload is at most {MaxPayloadBytes} bytes.", nameof(payload));
        }

        lock (_lock)
        {
            var entry = BlackBoxFormat.BuildEntry(_nextSequence, time, kind, _previousHash, payload, _key);
            if (_tailDirty || _writeOffset + entry.Length > _segmentBytes)
            {
                Rotate();
            }

            var offset = (_segment * _segmentBytes) + _writeOffset;
            _medium.Write(offset, entry);
            _index.Add((_nextSequence, offset, entry.Length, _segment));
            _writeOffset += entry.Length;
            _previousHash = System.Security.Cryptography.SHA256.HashData(entry);

            // The entry is on the medium: its sequence is spent before the head is written, so a
            // failed head write (the head then lags, like a power cut here) never reuses it.
            var sequence = _nextSequence++;
            BlackBoxHead.Create(sequence, _previousHash, _key).Write(_store);
            return sequence;
        }
    }

    /// <summary>Entries after <paramref name="afterSequence"/>, oldest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<BlackBoxEntry> ReadSince(ulong afterSequence, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        lock (_lock)
        {
            var list = new List<BlackBoxEntry>();
            foreach (var (sequence, offset, length, _) in _index)
            {
                if (list.Count >= max)
                {
                    break;
                }

                if (sequence <= afterSequence)
                {
                    continue;
                }

                var bytes = new byte[length];
                _medium.Read(offset, bytes);
                if (BlackBoxFormat.ParseEntry(bytes, 0, offset).Entry is { } e)
                {
                    list.Add(e);
                }
            }

            return list;
        }
    }

    private void Open()
    {
        var segments = BlackBoxSegment.ReadAll(_medium).Where(s => s.Number is not null).OrderBy(s => s.Number).ToList();
        var head = BlackBoxHead.Read(_store);
        if (segments.Count == 0)
        {
            _segment = -1;
            _segmentNumber = 0;
            _nextSequence = (head?.Sequence ?? 0) + 1;
            _previousHash = head?.Hash ?? new byte[32];
            _tailDirty = true;
            return;
        }

        BlackBoxEntry? last = null;
        var current = segments[^1];
        foreach (var s in segments)
        {
            var offset = BlackBoxFormat.SegmentHeaderBytes;
            while (true)
            {
                var (entry, problem, erased) = BlackBoxFormat.ParseEntry(s.Bytes, offset, s.Index * _segmentBytes);
                if (erased || entry is null)
                {
                    if (problem is not null && s == current)
                    {
                        _tailDirty = true;
                    }

                    break;
                }

                var length = BlackBoxFormat.EntryOverheadBytes + entry.Payload.Length;
                if (entry.Sequence > (head?.Sequence ?? 0) && !SignedByUs(s.Bytes, entry, offset))
                {
                    // Past the head and not validly signed: an append cut by a power loss. Never append after it.
                    _tailDirty = true;
                    break;
                }

                _index.Add((entry.Sequence, entry.Offset, length, s.Index));
                last = entry;
                offset += length;
            }

            if (s == current)
            {
                _writeOffset = offset;
            }
        }

        _segment = current.Index;
        _segmentNumber = current.Number!.Value;
        _nextSequence = Math.Max(last?.Sequence ?? 0, head?.Sequence ?? 0) + 1;
        _previousHash = last is not null && (head is null || last.Sequence >= head.Sequence) ? last.Hash : head?.Hash ?? new byte[32];
    }

    private bool SignedByUs(byte[] segment, BlackBoxEntry entry, int offset)
    {
        using var key = VerificationKey.Import(_key.PublicKey);
        return BlackBoxFormat.VerifySignature(segment, entry, offset, key);
    }

    private void Rotate()
    {
        _segment = (_segment + 1) % BlackBoxFormat.SegmentCount;
        _segmentNumber++;
        var start = _segment * _segmentBytes;
        _medium.Erase(start, _segmentBytes);
        _index.RemoveAll(i => i.Segment == _segment);
        _medium.Write(start, BlackBoxFormat.SegmentHeader(_segmentNumber, _nextSequence));
        _writeOffset = BlackBoxFormat.SegmentHeaderBytes;
        _tailDirty = false;
    }
}
