using System.Buffers.Binary;
using Firmware.SecurePartition.BlackBox;
using Firmware.Tests.Support;
using Hardware.Storage;
using V2x.Security.Crypto;

namespace Firmware.Tests.BlackBox;

/// <summary>The black box: layout known answers, append and verify, every kind of tampering named at its first bad entry, the ring, torn appends.</summary>
public sealed class BlackBoxTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-bbox");
    private readonly EcdsaP256SignatureKey _key = EcdsaP256SignatureKey.Generate();

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    // Expected bytes: the documented layout with the CRC-32 from Python's zlib.crc32 (an independent implementation).
    [InlineData(1UL, 1UL, "424253470001000000000000000000010000000000000001c4239da100000000")]
    [InlineData(0x0102030405060708UL, 0x1112131415161718UL, "4242534700010000010203040506070811121314151617180e8a4b8100000000")]
    public void Segment_header_matches_known_answer(ulong number, ulong first, string hex)
    {
        Assert.Equal(Convert.FromHexString(hex), BlackBoxFormat.SegmentHeader(number, first));
        Assert.Equal((number, first), BlackBoxFormat.ParseSegmentHeader(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Entry_layout_offsets_and_signature_verify()
    {
        var payload = new byte[] { 0xDE, 0xAD };
        var e = BlackBoxFormat.BuildEntry(7, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), 1, new byte[32], payload, _key);
        Assert.Equal(BlackBoxFormat.EntryOverheadBytes + 2, e.Length);
        Assert.Equal("BBEN"u8.ToArray(), e[..4]);
        Assert.Equal((uint)e.Length, BinaryPrimitives.ReadUInt32BigEndian(e.AsSpan(4)));
        Assert.Equal(7UL, BinaryPrimitives.ReadUInt64BigEndian(e.AsSpan(8)));
        Assert.Equal(1_772_323_200_000_000L, BinaryPrimitives.ReadInt64BigEndian(e.AsSpan(16)));
        Assert.Equal(payload, e[69..71]);
        var parsed = BlackBoxFormat.ParseEntry(e, 0, 0).Entry!;
        using var key = VerificationKey.Import(_key.PublicKey);
        Assert.True(BlackBoxFormat.VerifySignature(e, parsed, 0, key));
    }

    [Fact]
    public void Appended_entries_verify_and_continue_after_reopening()
    {
        var (medium, store) = NewMedium();
        var log = new BlackBoxLog(medium, store, _key);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal((ulong)i + 1, log.Append(BlackBoxEntry.NoteKind, Payload(i, 300), Now(i)));
        }

        var reopened = new BlackBoxLog(medium, store, _key);
        Assert.Equal(10, reopened.ReadSince(0, 100).Count);
        Assert.Equal(11UL, reopened.Append(BlackBoxEntry.NoteKind, Payload(10, 300), Now(10)));
        Assert.Equal([6UL, 7, 8, 9, 10, 11], reopened.ReadSince(5, 100).Select(e => e.Sequence).ToArray());
        Assert.Equal(Payload(7, 300), reopened.ReadSince(7, 1)[0].Payload);
        var v = Verify(medium, store);
        Assert.True(v.IsValid, v.Detail);
        Assert.Equal(11, v.EntriesVerified);
    }

    [Fact]
    public void The_ring_drops_whole_old_segments_and_still_verifies()
    {
        var (medium, store) = NewMedium();
        var log = new BlackBoxLog(medium, store, _key);
        for (var i = 0; i < 200; i++)
        {
            log.Append(BlackBoxEntry.NoteKind, Payload(i, 1500), Now(i));
        }

        var retained = log.ReadSince(0, 1000);
        Assert.True(retained[0].Sequence > 1);
        Assert.Equal(200UL, retained[^1].Sequence);
        var v = Verify(medium, store);
        Assert.True(v.IsValid, v.Detail);
        Assert.Equal(retained.Count, v.EntriesVerified);
    }

    public static TheoryData<string> Tamperings => new()
    {
        "edit a payload byte", "edit a sequence number", "edit a time", "truncate the last two entries", "cut the last entry in half",
        "swap two entries", "drop an entry from the middle", "replace an entry signed by another key", "erase a middle segment",
        "forge a head for a shorter log", "delete the head record",
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Tampering_is_detected_at_the_first_bad_entry(string tampering)
    {
        var (medium, store) = NewMedium();
        var log = new BlackBoxLog(medium, store, _key);
        var size = tampering == "erase a middle segment" ? 1500 : 400;
        var count = tampering == "erase a middle segment" ? 70 : 12;
        for (var i = 0; i < count; i++)
        {
            log.Append(BlackBoxEntry.NoteKind, Payload(i, size), Now(i));
        }

        var entries = log.ReadSince(0, 1000);
        var e5 = entries.Single(e => e.Sequence == 5);
        var length = BlackBoxFormat.EntryOverheadBytes + size;
        ulong? expectedBad = 5;
        var expected = BlackBoxProblem.BadSignature;
        switch (tampering)
        {
            case "edit a payload byte":
                Flip(medium, e5.Offset + 69 + 10);
                break;
            case "edit a sequence number":
                Flip(medium, e5.Offset + 15);
                expected = BlackBoxProblem.SequenceBreak;
                expectedBad = 4;
                break;
            case "edit a time":
                Flip(medium, e5.Offset + 23);
                break;
            case "truncate the last two entries":
                Fill(medium, entries[^2].Offset, 2 * length, 0xFF);
                expected = BlackBoxProblem.Truncated;
                expectedBad = 11;
                break;
            case "cut the last entry in half":
                Fill(medium, entries[^1].Offset + (length / 2), length - (length / 2), 0xFF);
                expectedBad = 12;
                break;
            case "swap two entries":
                var a = Read(medium, e5.Offset, length);
                var b = Read(medium, e5.Offset + length, length);
                medium.Write(e5.Offset, b);
                medium.Write(e5.Offset + length, a);
                expected = BlackBoxProblem.SequenceBreak;
                expectedBad = 6;
                break;
            case "drop an entry from the middle":
                var rest = Read(medium, e5.Offset + length, (int)(entries[^1].Offset + length - e5.Offset - length));
                Fill(medium, e5.Offset, rest.Length + length, 0xFF);
                medium.Write(e5.Offset, rest);
                expected = BlackBoxProblem.SequenceBreak;
                expectedBad = 6;
                break;
            case "replace an entry signed by another key":
                using (var other = EcdsaP256SignatureKey.Generate())
                {
                    medium.Write(e5.Offset, BlackBoxFormat.BuildEntry(5, e5.Time, e5.Kind, e5.PreviousHash, e5.Payload, other));
                }

                expected = BlackBoxProblem.UnknownKey;
                break;
            case "erase a middle segment":
                var segments = BlackBoxSegment.ReadAll(medium).Where(s => s.Number is not null).OrderBy(s => s.Number).ToList();
                var middle = segments[1];
                var segmentBytes = BlackBoxFormat.SegmentBytes(medium.CapacityBytes);
                medium.Erase(middle.Index * segmentBytes, segmentBytes);
                expected = BlackBoxProblem.SegmentGap;
                expectedBad = segments[2].FirstSequence;
                break;
            case "forge a head for a shorter log":
                Fill(medium, entries[^1].Offset, length, 0xFF);
                var forged = new byte[104];
                BinaryPrimitives.WriteUInt64BigEndian(forged, 11);
                entries[^2].Hash.CopyTo(forged, 8);
                store.Write(BlackBoxHead.Key, forged);
                expected = BlackBoxProblem.HeadMismatch;
                expectedBad = 11;
                break;
            default:
                store.Delete(BlackBoxHead.Key);
                expected = BlackBoxProblem.HeadMismatch;
                expectedBad = null;
                break;
        }

        var v = Verify(medium, store);
        Assert.Equal(expected, v.Problem);
        Assert.Equal(expectedBad, v.FirstBadSequence);
    }

    [Fact]
    public void A_torn_append_after_the_head_is_not_tampering_and_the_next_append_starts_a_fresh_segment()
    {
        var (medium, store) = NewMedium();
        var log = new BlackBoxLog(medium, store, _key);
        for (var i = 0; i < 5; i++)
        {
            log.Append(BlackBoxEntry.NoteKind, Payload(i, 200), Now(i));
        }

        // Power cut in the middle of appending entry 6: half its bytes reached the medium, the head still names 5.
        var last = log.ReadSince(4, 1)[0];
        var torn = BlackBoxFormat.BuildEntry(6, Now(6), BlackBoxEntry.NoteKind, last.Hash, Payload(6, 200), _key);
        medium.Write(last.Offset + BlackBoxFormat.EntryOverheadBytes + 200, torn.AsSpan(0, torn.Length / 2));
        Assert.True(Verify(medium, store).IsValid);

        var reopened = new BlackBoxLog(medium, store, _key);
        Assert.Equal(6UL, reopened.Append(BlackBoxEntry.NoteKind, Payload(6, 200), Now(6)));
        var v = Verify(medium, store);
        Assert.True(v.IsValid, v.Detail);
        Assert.Equal(6, v.EntriesVerified);
    }

    [Fact]
    public void Oversized_payload_is_refused_and_nothing_changes()
    {
        var (medium, store) = NewMedium();
        var log = new BlackBoxLog(medium, store, _key);
        log.Append(BlackBoxEntry.NoteKind, Payload(0, 10), Now(0));
        var before = Read(medium, 0, (int)medium.CapacityBytes);
        Assert.Throws<ArgumentException>(() => log.Append(BlackBoxEntry.NoteKind, new byte[log.MaxPayloadBytes + 1], Now(1)));
        Assert.Equal(before, Read(medium, 0, (int)medium.CapacityBytes));
        Assert.Equal(1UL, log.LastSequence);
    }

    [Theory]
    [InlineData("head write fails once", true)]
    [InlineData("head write succeeds", false)]
    public void A_failed_head_write_spends_the_sequence_and_the_next_append_continues_the_chain(string name, bool failHead)
    {
        _ = name;
        var (medium, inner) = NewMedium();
        var store = new HeadFailingStore(inner);
        var log = new BlackBoxLog(medium, store, _key);
        Assert.Equal(1UL, log.Append(BlackBoxEntry.NoteKind, Payload(0, 100), Now(0)));
        store.FailNextHeadWrite = failHead;
        if (failHead)
        {
            Assert.Throws<StorageException>(() => log.Append(BlackBoxEntry.NoteKind, Payload(1, 100), Now(1)));
        }
        else
        {
            Assert.Equal(2UL, log.Append(BlackBoxEntry.NoteKind, Payload(1, 100), Now(1)));
        }

        Assert.Equal(2UL, log.LastSequence);
        Assert.Equal(3UL, log.Append(BlackBoxEntry.NoteKind, Payload(2, 100), Now(2)));
        Assert.Equal([1UL, 2, 3], log.ReadSince(0, 10).Select(e => e.Sequence).ToArray());
        var v = Verify(medium, store);
        Assert.True(v.IsValid, v.Detail);
        Assert.Equal(3, v.EntriesVerified);
    }

    private (FileBlackBoxMedium Medium, FileDurableStore Store) NewMedium() =>
        (new FileBlackBoxMedium(Path.Combine(_dir, $"bb-{Guid.NewGuid():N}.bin"), 128 * 1024), new FileDurableStore(Path.Combine(_dir, $"store-{Guid.NewGuid():N}")));

    private BlackBoxVerification Verify(IBlackBoxMedium medium, IDurableStore store) =>
        BlackBoxVerifier.Verify(medium, BlackBoxHead.Read(store), [_key.PublicKey]);

    private static DateTimeOffset Now(int i) => TestBench.Start.AddSeconds(i);

    private static byte[] Payload(int i, int size) => Enumerable.Range(0, size).Select(j => (byte)(i + j)).ToArray();

    private static byte[] Read(IBlackBoxMedium medium, long offset, int length)
    {
        var b = new byte[length];
        medium.Read(offset, b);
        return b;
    }

    private static void Flip(IBlackBoxMedium medium, long offset)
    {
        var b = Read(medium, offset, 1);
        b[0] ^= 0x01;
        medium.Write(offset, b);
    }

    private static void Fill(IBlackBoxMedium medium, long offset, int length, byte value) =>
        medium.Write(offset, Enumerable.Repeat(value, length).ToArray());

    /// <summary>A durable store whose next head-record write fails (a full or failing store), once.</summary>
    private sealed class HeadFailingStore(IDurableStore inner) : IDurableStore
    {
        public bool FailNextHeadWrite { get; set; }

        public byte[]? Read(string key) => inner.Read(key);

        public void Write(string key, ReadOnlySpan<byte> value)
        {
            if (FailNextHeadWrite && key == BlackBoxHead.Key)
            {
                FailNextHeadWrite = false;
                throw new StorageException("Simulated failing store.");
            }

            inner.Write(key, value);
        }

        public bool Delete(string key) => inner.Delete(key);

        public IReadOnlyList<string> Keys() => inner.Keys();
    }
}
