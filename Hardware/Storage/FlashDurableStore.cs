using System.Buffers.Binary;
using System.Text;
using Hardware.Flash;

namespace Hardware.Storage;

/// <summary>
/// Durable key/value records inside a flash partition (the simulated board's NVS partition),
/// journaled so that a write torn at any byte never loses the previous value. Thread-safe.
/// </summary>
/// <remarks>
/// Layout (this project's design; the idea of ESP-IDF's NVS: append-only entries with CRCs,
/// pages erased only after their live entries were copied):
/// <list type="bullet">
/// <item>The partition is two banks of equal size, each whole sectors.</item>
/// <item>A bank starts with a 16-byte header: "NVSB", generation u32 LE, reserved u32 (0),
/// CRC-32 of bytes 0..11. A bank without a valid header is not in use.</item>
/// <item>Records follow from byte 16: magic u16 0xA55A, kind u8 (1 put, 2 delete), key length u8,
/// value length u32, CRC-32 u32 of kind, lengths, key and value; then key and value bytes.
/// Erased flash (0xFF) ends the journal.</item>
/// <item>A write appends one record. A record whose CRC does not match (torn) ends the journal;
/// the next write first compacts.</item>
/// <item>Compaction erases the other bank, copies every live record there, and only then writes
/// that bank's header with the next generation: the switch is the header write, so a tear
/// anywhere before it leaves the old bank in force.</item>
/// </list>
/// On mount the valid bank with the highest generation is used.
/// </remarks>
public sealed class FlashDurableStore : IDurableStore
{
    private const int BankHeaderBytes = 16;
    private const int RecordHeaderBytes = 12;
    private const ushort RecordMagic = 0xA55A;
    private const byte PutKind = 1;
    private const byte DeleteKind = 2;
    private static readonly byte[] BankMagic = "NVSB"u8.ToArray();

    private readonly IFlashImage _flash;
    private readonly string _label;
    private readonly long _bankBytes;
    private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _bank;
    private uint _generation;
    private long _writeOffset;
    private bool _tailDirty;

    /// <summary>Mounts the store in a partition, formatting it when neither bank holds a valid header.</summary>
    /// <exception cref="ArgumentException">The partition is smaller than two sectors.</exception>
    public FlashDurableStore(IFlashImage flash, string partitionLabel)
    {
        ArgumentNullException.ThrowIfNull(flash);
        var partition = flash.Partitions[partitionLabel];
        _bankBytes = partition.SizeBytes / 2 / FlashRanges.SectorBytes * FlashRanges.SectorBytes;
        if (_bankBytes < FlashRanges.SectorBytes)
        {
            throw new ArgumentException($"Partition '{partitionLabel}' needs at least two 4 KiB sectors.", nameof(partitionLabel));
        }

        _flash = flash;
        _label = partitionLabel;
        Mount();
    }

    /// <summary>Largest key plus value that fits in one record.</summary>
    public long MaxRecordBytes => _bankBytes - BankHeaderBytes - RecordHeaderBytes;

    /// <inheritdoc />
    public byte[]? Read(string key)
    {
        StoreKeys.Validate(key);
        lock (_lock)
        {
            return _values.TryGetValue(key, out var v) ? (byte[])v.Clone() : null;
        }
    }

    /// <inheritdoc />
    public void Write(string key, ReadOnlySpan<byte> value)
    {
        StoreKeys.Validate(key);
        var copy = value.ToArray();
        lock (_lock)
        {
            Append(key, PutKind, copy);
            _values[key] = copy;
        }
    }

    /// <inheritdoc />
    public bool Delete(string key)
    {
        StoreKeys.Validate(key);
        lock (_lock)
        {
            if (!_values.ContainsKey(key))
            {
                return false;
            }

            Append(key, DeleteKind, []);
            _values.Remove(key);
            return true;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Keys()
    {
        lock (_lock)
        {
            return _values.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    private void Append(string key, byte kind, byte[] value)
    {
        var record = EncodeRecord(key, kind, value);
        if (record.Length > MaxRecordBytes)
        {
            throw new StorageException($"A record of {record.Length} bytes does not fit in a bank of {_bankBytes} bytes.");
        }

        if (_tailDirty || _writeOffset + record.Length > _bankBytes)
        {
            var live = new Dictionary<string, byte[]>(_values, StringComparer.Ordinal);
            if (kind == PutKind)
            {
                live[key] = value;
            }
            else
            {
                live.Remove(key);
            }

            Compact(live);
            return;
        }

        _flash.Write(_label, BankStart(_bank) + _writeOffset, record);
        _writeOffset += record.Length;
    }

    private void Compact(Dictionary<string, byte[]> live)
    {
        var target = 1 - _bank;
        var records = live.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => EncodeRecord(kv.Key, PutKind, kv.Value)).ToList();
        var total = BankHeaderBytes + records.Sum(r => (long)r.Length);
        if (total > _bankBytes)
        {
            throw new StorageException($"The live records ({total} bytes) do not fit in a bank of {_bankBytes} bytes.");
        }

        _flash.Erase(_label, BankStart(target), _bankBytes);
        long offset = BankHeaderBytes;
        foreach (var r in records)
        {
            _flash.Write(_label, BankStart(target) + offset, r);
            offset += r.Length;
        }

        // The commit point: only now does the new bank become valid.
        _flash.Write(_label, BankStart(target), EncodeBankHeader(_generation + 1));
        _bank = target;
        _generation++;
        _writeOffset = offset;
        _tailDirty = false;
    }

    private void Mount()
    {
        var best = -1;
        uint bestGeneration = 0;
        for (var bank = 0; bank < 2; bank++)
        {
            if (TryReadBankHeader(bank, out var generation) && (best < 0 || generation > bestGeneration))
            {
                best = bank;
                bestGeneration = generation;
            }
        }

        if (best < 0)
        {
            _flash.Erase(_label, BankStart(0), _bankBytes);
            _flash.Write(_label, BankStart(0), EncodeBankHeader(1));
            _bank = 0;
            _generation = 1;
            _writeOffset = BankHeaderBytes;
            return;
        }

        _bank = best;
        _generation = bestGeneration;
        Replay();
    }

    private void Replay()
    {
        var bank = new byte[_bankBytes];
        _flash.Read(_label, BankStart(_bank), bank);
        var offset = BankHeaderBytes;
        while (true)
        {
            if (offset + RecordHeaderBytes > bank.Length)
            {
                break;
            }

            var header = bank.AsSpan(offset, RecordHeaderBytes);
            if (header.IndexOfAnyExcept((byte)0xFF) < 0)
            {
                break;
            }

            var magic = BinaryPrimitives.ReadUInt16LittleEndian(header);
            var kind = header[2];
            var keyLength = header[3];
            var valueLength = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            var length = RecordHeaderBytes + (long)keyLength + valueLength;
            if (magic != RecordMagic || kind is not (PutKind or DeleteKind) || keyLength is 0 or > StoreKeys.MaxKeyLength
                || offset + length > bank.Length
                || Crc32.Append(Crc32.Compute(header[2..8]), bank.AsSpan(offset + RecordHeaderBytes, (int)(length - RecordHeaderBytes))) != crc)
            {
                // A torn or corrupted record: the journal ends here, and the next write compacts
                // rather than appending after bytes that are not erased.
                _tailDirty = true;
                break;
            }

            var key = Encoding.ASCII.GetString(bank, offset + RecordHeaderBytes, keyLength);
            if (kind == PutKind)
            {
                _values[key] = bank.AsSpan(offset + RecordHeaderBytes + keyLength, (int)valueLength).ToArray();
            }
            else
            {
                _values.Remove(key);
            }

            offset += (int)length;
        }

        _writeOffset = offset;
    }

    private bool TryReadBankHeader(int bank, out uint generation)
    {
        Span<byte> h = stackalloc byte[BankHeaderBytes];
        _flash.Read(_label, BankStart(bank), h);
        generation = BinaryPrimitives.ReadUInt32LittleEndian(h[4..]);
        return h[..4].SequenceEqual(BankMagic) && BinaryPrimitives.ReadUInt32LittleEndian(h[12..]) == Crc32.Compute(h[..12]);
    }

    private static byte[] EncodeBankHeader(uint generation)
    {
        var h = new byte[BankHeaderBytes];
        BankMagic.CopyTo(h, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), generation);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(12), Crc32.Compute(h.AsSpan(0, 12)));
        return h;
    }

    private static byte[] EncodeRecord(string key, byte kind, byte[] value)
    {
        var keyBytes = Encoding.ASCII.GetBytes(key);
        var r = new byte[RecordHeaderBytes + keyBytes.Length + value.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(r, RecordMagic);
        r[2] = kind;
        r[3] = (byte)keyBytes.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(4), (uint)value.Length);
        keyBytes.CopyTo(r, RecordHeaderBytes);
        value.CopyTo(r, RecordHeaderBytes + keyBytes.Length);
        var crc = Crc32.Append(Crc32.Compute(r.AsSpan(2, 6)), r.AsSpan(RecordHeaderBytes));
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(8), crc);
        return r;
    }

    private long BankStart(int bank) => bank * _bankBytes;
}
