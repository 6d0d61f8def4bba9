using CsCheck;
using Testing.Tshark;
using V2x.Pcap;
using V2x.Tests.Facilities;

namespace V2x.Tests.Pcap;

/// <summary>
/// The classic pcap writer and reader (tcpdump.org pcap-savefile(5)): known octets, round trips,
/// files made by Wireshark's own tools (text2pcap, editcap), both byte orders, and corrupt files.
/// </summary>
public sealed class PcapTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2020, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly PcapFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Writes_the_documented_octets()
    {
        // pcap-savefile(5): magic a1b2c3d4, version 2.4, thiszone 0, sigfigs 0, snaplen, linktype 1;
        // record: seconds (2020-11-30T12:00:00Z = 1606737600 = 0x5fc4dec0), microseconds
        // (123456 = 0x0001e240), captured and original lengths, data. All little-endian.
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            writer.Write(Noon.AddTicks(1234567), [1, 2, 3]);
        }

        Assert.Equal(
            "d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "01000000" +
            "c0dec45f" + "40e20100" + "03000000" + "03000000" + "010203",
            Hex.Of(stream.ToArray()));
    }

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        var frames = Gen.Select(Gen.Long[0, (long)uint.MaxValue * 1_000_000], Gen.Byte.Array[0, 3000]).Array[0, 20];
        Gen.Select(frames, Gen.Int[1, 4000]).Sample((records, snapLength) =>
        {
            using var stream = new MemoryStream();
            using (var writer = new PcapWriter(stream, snapLength, leaveOpen: true))
            {
                foreach (var (micros, data) in records)
                {
                    writer.Write(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), data);
                }
            }

            stream.Position = 0;
            using var reader = new PcapReader(stream);
            Assert.False(reader.IsBigEndian);
            Assert.Equal(PcapTimestampResolution.Microseconds, reader.Resolution);
            Assert.Equal(snapLength, reader.SnapLength);
            Assert.Equal(PcapLinkType.Ethernet, reader.LinkType);
            var read = reader.ReadAll().ToList();
            Assert.Equal(records.Length, read.Count);
            for (var i = 0; i < records.Length; i++)
            {
                Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(records[i].Item1 * 10), read[i].Timestamp);
                Assert.Equal(records[i].Item2.Length, read[i].OriginalLength);
                Assert.Equal(records[i].Item2.Take(snapLength).ToArray(), read[i].Data.ToArray());
            }
        }, iter: 200);
    }

    [Fact]
    public void Reads_a_file_made_by_text2pcap()
    {
        // text2pcap (Wireshark) turns an od-style hex dump into a classic pcap: here the Vanetza frame.
        var dump = _files.PathOf("vanetza.txt");
        var octets = Hex.Parse(ExternalVectors.VanetzaCamFrame);
        File.WriteAllText(dump, "000000 " + string.Join(' ', octets.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        var path = _files.PathOf("vanetza.pcap");
        WiresharkTools.Run(WiresharkTools.Text2Pcap, ["-q", "-F", "pcap", dump, path]);

        using var reader = new PcapReader(File.OpenRead(path));
        Assert.Equal(PcapLinkType.Ethernet, reader.LinkType);
        var record = Assert.Single(reader.ReadAll());
        Assert.Equal(octets, record.Data.ToArray());
        Assert.Equal(octets.Length, record.OriginalLength);
    }

    [Fact]
    public void Reads_nanosecond_and_snapped_files_made_by_editcap()
    {
        var frames = Enumerable.Range(0, 5).Select(i => Enumerable.Range(0, 100 + i).Select(b => (byte)b).ToArray()).ToList();
        var original = _files.Write("ours.pcap", Noon.AddTicks(1234560), frames);

        var nanoseconds = _files.PathOf("nsec.pcap");
        WiresharkTools.Run(WiresharkTools.Editcap, ["-F", "nsecpcap", original, nanoseconds]);
        using (var reader = new PcapReader(File.OpenRead(nanoseconds)))
        {
            Assert.Equal(PcapTimestampResolution.Nanoseconds, reader.Resolution);
            var records = reader.ReadAll().ToList();
            Assert.Equal(frames.Count, records.Count);
            Assert.Equal(Noon.AddTicks(1234560).AddMilliseconds(4), records[4].Timestamp);
            Assert.Equal(frames[4], records[4].Data.ToArray());
        }

        var snapped = _files.PathOf("snap60.pcap");
        WiresharkTools.Run(WiresharkTools.Editcap, ["-F", "pcap", "-s", "60", original, snapped]);
        using (var reader = new PcapReader(File.OpenRead(snapped)))
        {
            var records = reader.ReadAll().ToList();
            Assert.All(records, r => Assert.Equal(60, r.Data.Length));
            Assert.Equal(frames.Select(f => f.Length), records.Select(r => r.OriginalLength));
            Assert.Equal(frames[2][..60], records[2].Data.ToArray());
        }
    }

    [Fact]
    public void Reads_big_endian_files()
    {
        // The same file with every header and record field byte-swapped, as a big-endian host writes it.
        var frames = new[] { new byte[] { 1, 2, 3 }, new byte[] { 4, 5 } };
        var little = File.ReadAllBytes(_files.Write("le.pcap", Noon.AddTicks(10), frames));
        var big = (byte[])little.Clone();
        Array.Reverse(big, 0, 4);
        Array.Reverse(big, 4, 2);
        Array.Reverse(big, 6, 2);
        Array.Reverse(big, 16, 4);
        Array.Reverse(big, 20, 4);
        for (var at = 24; at < big.Length;)
        {
            var captured = BitConverter.ToInt32(little, at + 8);
            for (var field = 0; field < 4; field++)
            {
                Array.Reverse(big, at + (field * 4), 4);
            }

            at += 16 + captured;
        }

        using var reader = new PcapReader(new MemoryStream(big));
        Assert.True(reader.IsBigEndian);
        var records = reader.ReadAll().ToList();
        Assert.Equal(frames, records.Select(r => r.Data.ToArray()));
        Assert.Equal(Noon.AddTicks(10).AddMilliseconds(1), records[1].Timestamp);
    }

    public static TheoryData<string, string, string, long> CorruptFiles => new()
    {
        { "bad magic", "00000000" + Header[8..], "pcap.header.magic", 0 },
        { "pcapng file", "0a0d0d0a" + Header[8..], "pcap.header.magic", 0 },
        { "empty file", "", "pcap.header.magic", 0 },
        { "truncated file header", Header[..20], "pcap.header", 10 },
        { "version 3.0", Header[..8] + "03000000" + Header[16..], "pcap.header.versionMajor", 4 },
        { "snapshot length beyond 262144", Header[..32] + "01000400" + Header[40..], "pcap.header.snapLength", 16 },
        { "truncated record header", Header + Record1 + "c0dec45f40e2", "pcap.record[1].header", 24 + 19 + 6 },
        { "truncated record data", Header + Record1 + "c0dec45f40e201000300000003000000" + "0102", "pcap.record[1].data", 24 + 19 + 16 + 2 },
        { "captured length beyond the snapshot length", Header + Record1 + "c0dec45f40e20100" + "00000100" + "00000100", "pcap.record[1].capturedLength", 24 + 19 + 8 },
        { "captured length beyond the original length", Header + Record1 + "c0dec45f40e20100" + "03000000" + "02000000" + "010203", "pcap.record[1].capturedLength", 24 + 19 + 8 },
        { "microseconds of 1000000", Header + Record1 + "c0dec45f" + "40420f00" + "0300000003000000010203", "pcap.record[1].timestampFraction", 24 + 19 + 4 },
    };

    // The little-endian file header (snaplen 65535, Ethernet) and one 3-octet record (19 octets).
    private const string Header = "d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "01000000";
    private const string Record1 = "c0dec45f40e2010003000000030000000a0b0c";

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Rejects_a_corrupt_file_and_stays_at_the_fault(string name, string hex, string fieldPath, long offset)
    {
        _ = name;
        var octets = Hex.Parse(hex);
        DecodeException? error;
        if (fieldPath.StartsWith("pcap.header", StringComparison.Ordinal))
        {
            error = Assert.Throws<DecodeException>(() => new PcapReader(new MemoryStream(octets)));
        }
        else
        {
            using var reader = new PcapReader(new MemoryStream(octets));
            Assert.True(reader.TryRead(out var first));
            Assert.Equal(Hex.Parse("0a0b0c"), first.Data.ToArray());
            error = Assert.Throws<DecodeException>(() => reader.TryRead(out _));

            // Nothing changed: the same error again, one record counted, the first record intact.
            Assert.Same(error, Assert.Throws<DecodeException>(() => reader.TryRead(out _)));
            Assert.Equal(1, reader.RecordCount);
            Assert.Equal(Hex.Parse("0a0b0c"), first.Data.ToArray());
        }

        Assert.Equal(fieldPath, error.FieldPath);
        Assert.Equal(offset, error.ByteOffset);
    }

    [Fact]
    public void Writer_rejects_caller_mistakes_without_writing()
    {
        using var stream = new MemoryStream();
        using var writer = new PcapWriter(stream, leaveOpen: true);
        var length = stream.Length;
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero), [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(new DateTimeOffset(2107, 1, 1, 0, 0, 0, TimeSpan.Zero), [1]));
        Assert.Equal(length, stream.Length);
        Assert.Equal(0, writer.RecordCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PcapWriter(new MemoryStream(), snapLength: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PcapWriter(new MemoryStream(), snapLength: 262145));
    }
}
