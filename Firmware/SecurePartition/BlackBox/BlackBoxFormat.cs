using System.Buffers.Binary;
using System.Security.Cryptography;
using Firmware.SecurePartition.Boot;
using Hardware.Flash;
using V2x.Security.Crypto;

namespace Firmware.SecurePartition.BlackBox;

/// <summary>
/// The black-box layout (Docs/secure-partition.md, "Black box"). The medium is split into
/// <see cref="SegmentCount"/> equal segments (whole 4 KiB sectors) used as a ring: when an entry
/// does not fit, the next segment is erased and opened, dropping the oldest entries. Big-endian:
/// <code>
/// segment header (32 bytes): "BBSG" | u16 format 1 | u16 0 | u64 segment number | u64 first sequence
///                            | u32 CRC-32 of bytes 0..23 | u32 0
/// entry: "BBEN" | u32 total length | u64 sequence | i64 time (µs since 1970) | u8 kind | 8 key id
///        | 32 previous hash | u32 payload length | payload | 64 signature (r || s)
/// </code>
/// The signature is ECDSA P-256 over SHA-256 of every entry byte before it; the entry hash is
/// SHA-256 of the whole entry and chains into the next entry's previous hash.
/// </summary>
public static class BlackBoxFormat
{
    /// <summary>Segments in the ring.</summary>
    public const int SegmentCount = 4;

    /// <summary>Segment header size.</summary>
    public const int SegmentHeaderBytes = 32;

    /// <summary>Entry bytes besides the payload.</summary>
    public const int EntryOverheadBytes = 4 + 4 + 8 + 8 + 1 + 8 + 32 + 4 + 64;

    /// <summary>Smallest medium: four segments of two sectors.</summary>
    public const long MinimumCapacityBytes = SegmentCount * 2 * 4096;

    private static readonly byte[] SegmentMagic = "BBSG"u8.ToArray();
    private static readonly byte[] EntryMagic = "BBEN"u8.ToArray();

    /// <summary>The segment size of a medium.</summary>
    public static long SegmentBytes(long capacityBytes) => capacityBytes / SegmentCount / 4096 * 4096;

    /// <summary>The key id of a public key: first 8 bytes of SHA-256 over its compressed SEC 1 form.</summary>
    public static byte[] KeyId(PublicVerificationKey key) => SHA256.HashData(BootRom.EncodeKey(key))[..8];

    /// <summary>Encodes a segment header.</summary>
    public static byte[] SegmentHeader(ulong segmentNumber, ulong firstSequence)
    {
        var h = new byte[SegmentHeaderBytes];
        SegmentMagic.CopyTo(h, 0);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt64BigEndian(h.AsSpan(8), segmentNumber);
        BinaryPrimitives.WriteUInt64BigEndian(h.AsSpan(16), firstSequence);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(24), Crc32.Compute(h.AsSpan(0, 24)));
        return h;
    }

    /// <summary>Parses a segment header; null when erased or invalid.</summary>
    public static (ulong Number, ulong FirstSequence)? ParseSegmentHeader(ReadOnlySpan<byte> h)
    {
        if (h.Length < SegmentHeaderBytes || !h[..4].SequenceEqual(SegmentMagic) || BinaryPrimitives.ReadUInt16BigEndian(h[4..]) != 1
            || BinaryPrimitives.ReadUInt32BigEndian(h[24..]) != Crc32.Compute(h[..24]))
        {
            return null;
        }

        return (BinaryPrimitives.ReadUInt64BigEndian(h[8..]), BinaryPrimitives.ReadUInt64BigEndian(h[16..]));
    }

    /// <summary>Builds and signs an entry.</summary>
    public static byte[] BuildEntry(ulong sequence, DateTimeOffset time, byte kind, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> payload, ISignatureKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var length = EntryOverheadBytes + payload.Length;
        var e = new byte[length];
        EntryMagic.CopyTo(e, 0);
        BinaryPrimitives.WriteUInt32BigEndian(e.AsSpan(4), (uint)length);
        BinaryPrimitives.WriteUInt64BigEndian(e.AsSpan(8), sequence);
        BinaryPrimitives.WriteInt64BigEndian(e.AsSpan(16), (time - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond);
        e[24] = kind;
        KeyId(key.PublicKey).CopyTo(e, 25);
        previousHash.CopyTo(e.AsSpan(33));
        BinaryPrimitives.WriteUInt32BigEndian(e.AsSpan(65), (uint)payload.Length);
        payload.CopyTo(e.AsSpan(69));
        var digest = SHA256.HashData(e.AsSpan(0, length - 64));
        key.SignDigest(digest, e.AsSpan(length - 64, 32), e.AsSpan(length - 32, 32));
        return e;
    }

    /// <summary>
    /// Reads the entry at <paramref name="offset"/> of a segment buffer that starts at
    /// <paramref name="segmentStart"/> in the medium: null at erased space, otherwise the entry or
    /// the reason it is malformed.
    /// </summary>
    public static (BlackBoxEntry? Entry, string? Problem, bool Erased) ParseEntry(ReadOnlySpan<byte> segment, int offset, long segmentStart)
    {
        if (offset + 4 > segment.Length || segment.Slice(offset, 4).IndexOfAnyExcept((byte)0xFF) < 0)
        {
            return (null, null, true);
        }

        if (offset + 8 > segment.Length || !segment.Slice(offset, 4).SequenceEqual(EntryMagic))
        {
            return (null, "no entry magic", false);
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(segment[(offset + 4)..]);
        if (length < EntryOverheadBytes || length > segment.Length - offset)
        {
            return (null, $"entry length {length} runs past the segment", false);
        }

        var e = segment.Slice(offset, (int)length);
        var payloadLength = BinaryPrimitives.ReadUInt32BigEndian(e[65..]);
        if (payloadLength != length - EntryOverheadBytes)
        {
            return (null, "payload length disagrees with the entry length", false);
        }

        var micros = BinaryPrimitives.ReadInt64BigEndian(e[16..]);
        if (micros < 0 || micros > 253_402_300_799L * 1_000_000)
        {
            return (null, "time out of range", false);
        }

        return (new BlackBoxEntry(
            BinaryPrimitives.ReadUInt64BigEndian(e[8..]),
            DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond),
            e[24],
            e.Slice(25, 8).ToArray(),
            e.Slice(33, 32).ToArray(),
            e.Slice(69, (int)payloadLength).ToArray(),
            e[^64..].ToArray(),
            SHA256.HashData(e),
            segmentStart + offset), null, false);
    }

    /// <summary>Whether the entry's signature verifies with the key.</summary>
    public static bool VerifySignature(ReadOnlySpan<byte> segment, BlackBoxEntry entry, int offsetInSegment, VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(key);
        var length = EntryOverheadBytes + entry.Payload.Length;
        var digest = SHA256.HashData(segment.Slice(offsetInSegment, length - 64));
        return key.VerifyDigest(digest, entry.Signature.AsSpan(0, 32), entry.Signature.AsSpan(32, 32));
    }
}
