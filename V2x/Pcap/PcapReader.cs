using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace V2x.Pcap;

/// <summary>
/// Reads a classic pcap file from a stream, record by record, in either byte order and with
/// microsecond or nanosecond timestamps. Anything malformed (bad magic, truncated header or record,
/// captured length beyond the snapshot or original length, sub-second fraction out of range) throws
/// <see cref="DecodeException"/>; the reader then stays at that fault and throws the same error
/// again, with the records already returned untouched.
/// </summary>
public sealed class PcapReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _recordHeader = new byte[PcapFormat.RecordHeaderLength];
    private long _position;
    private DecodeException? _fault;
    private bool _disposed;

    /// <summary>Reads the file header; a malformed one throws <see cref="DecodeException"/>.</summary>
    public PcapReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("the stream is not readable", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        var header = new byte[PcapFormat.FileHeaderLength];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < 4)
        {
            throw new DecodeException("pcap.header.magic", read, $"truncated: {read} octet(s), a pcap file starts with a 24-octet header");
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        (IsBigEndian, Resolution) = magic switch
        {
            PcapFormat.MagicMicroseconds => (false, PcapTimestampResolution.Microseconds),
            PcapFormat.MagicNanoseconds => (false, PcapTimestampResolution.Nanoseconds),
            _ when BinaryPrimitives.ReverseEndianness(magic) == PcapFormat.MagicMicroseconds => (true, PcapTimestampResolution.Microseconds),
            _ when BinaryPrimitives.ReverseEndianness(magic) == PcapFormat.MagicNanoseconds => (true, PcapTimestampResolution.Nanoseconds),
            PcapFormat.PcapNgMagic => throw new DecodeException("pcap.header.magic", 0, "this is a pcapng file; only classic pcap is read (convert with editcap -F pcap)"),
            _ => throw new DecodeException("pcap.header.magic", 0, $"bad magic 0x{magic:x8}: not a classic pcap file"),
        };

        if (read < header.Length)
        {
            throw new DecodeException("pcap.header", read, $"truncated: {read} of {header.Length} header octets");
        }

        VersionMajor = ReadUInt16(header.AsSpan(4));
        VersionMinor = ReadUInt16(header.AsSpan(6));
        if (VersionMajor != PcapFormat.VersionMajor)
        {
            throw new DecodeException("pcap.header.versionMajor", 4, $"version {VersionMajor}.{VersionMinor} is not 2.x");
        }

        var snapLength = ReadUInt32(header.AsSpan(16));
        if (snapLength > PcapFormat.MaxSnapLength)
        {
            throw new DecodeException("pcap.header.snapLength", 16, $"snapshot length {snapLength} beyond {PcapFormat.MaxSnapLength}");
        }

        // A snapshot length of 0 means "not recorded"; records are then bounded by the maximum.
        SnapLength = snapLength == 0 ? PcapFormat.MaxSnapLength : (int)snapLength;
        LinkType = (PcapLinkType)ReadUInt32(header.AsSpan(20));
        _position = PcapFormat.FileHeaderLength;
    }

    public bool IsBigEndian { get; }

    public PcapTimestampResolution Resolution { get; }

    public ushort VersionMajor { get; }

    public ushort VersionMinor { get; }

    public int SnapLength { get; }

    public PcapLinkType LinkType { get; }

    /// <summary>Number of records returned so far.</summary>
    public long RecordCount { get; private set; }

    /// <summary>Reads the next record; false at the end of the file (exactly after a record).</summary>
    public bool TryRead([NotNullWhen(true)] out PcapRecord? record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fault is not null)
        {
            throw _fault;
        }

        try
        {
            record = ReadRecord();
            if (record is not null)
            {
                RecordCount++;
            }

            return record is not null;
        }
        catch (DecodeException error)
        {
            _fault = error;
            throw;
        }
    }

    /// <summary>All remaining records, read lazily.</summary>
    public IEnumerable<PcapRecord> ReadAll()
    {
        while (TryRead(out var record))
        {
            yield return record;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private PcapRecord? ReadRecord()
    {
        var index = RecordCount;
        var start = _position;
        var read = _stream.ReadAtLeast(_recordHeader, _recordHeader.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            return null;
        }

        if (read < _recordHeader.Length)
        {
            throw new DecodeException($"pcap.record[{index}].header", start + read, $"truncated: {read} of {_recordHeader.Length} record header octets");
        }

        var seconds = ReadUInt32(_recordHeader);
        var fraction = ReadUInt32(_recordHeader.AsSpan(4));
        var captured = ReadUInt32(_recordHeader.AsSpan(8));
        var original = ReadUInt32(_recordHeader.AsSpan(12));
        var fractionLimit = Resolution == PcapTimestampResolution.Microseconds ? 1_000_000u : 1_000_000_000u;
        if (fraction >= fractionLimit)
        {
            throw new DecodeException($"pcap.record[{index}].timestampFraction", start + 4, $"sub-second part {fraction} is not below {fractionLimit}");
        }

        if (captured > SnapLength)
        {
            throw new DecodeException($"pcap.record[{index}].capturedLength", start + 8, $"captured length {captured} beyond the snapshot length {SnapLength}");
        }

        if (captured > original)
        {
            throw new DecodeException($"pcap.record[{index}].capturedLength", start + 8, $"captured length {captured} beyond the original length {original}");
        }

        if (original > int.MaxValue)
        {
            throw new DecodeException($"pcap.record[{index}].originalLength", start + 12, $"original length {original} too large");
        }

        var data = new byte[captured];
        var got = _stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < data.Length)
        {
            throw new DecodeException($"pcap.record[{index}].data", start + PcapFormat.RecordHeaderLength + got, $"truncated: {got} of {captured} captured octets");
        }

        _position = start + PcapFormat.RecordHeaderLength + captured;
        var ticks = Resolution == PcapTimestampResolution.Microseconds ? fraction * 10L : fraction / 100L;
        var timestamp = DateTimeOffset.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + ticks);
        return new PcapRecord(timestamp, (int)original, data);
    }

    private ushort ReadUInt16(ReadOnlySpan<byte> span) =>
        IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);

    private uint ReadUInt32(ReadOnlySpan<byte> span) =>
        IsBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
}
