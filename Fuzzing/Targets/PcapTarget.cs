using System.Buffers.Binary;
using V2x;
using V2x.Pcap;

namespace Fuzzing.Targets;

/// <summary>
/// The pcap reader (the classic libpcap format, https://www.tcpdump.org/manpages/pcap-savefile.5.html): each input
/// is a whole file read to its end. A malformed file must end in <see cref="DecodeException"/>.
/// </summary>
public sealed class PcapTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "pcap";

    /// <inheritdoc />
    public string Run(byte[] input)
    {
        try
        {
            using var reader = new PcapReader(new MemoryStream(input, writable: false));
            long octets = 0;
            foreach (var record in reader.ReadAll())
            {
                octets += record.Data.Length;
            }

            return $"ok {reader.RecordCount} record(s), {octets} octet(s)";
        }
        catch (DecodeException e)
        {
            return $"DecodeException {e.FieldPath}";
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<FuzzSeed> CreateSeeds(string fixtures)
    {
        // The receive seeds' frames as captured traffic (their PKI fixture is not needed here).
        var scratch = Directory.CreateTempSubdirectory("fuzz-pcap-");
        IReadOnlyList<FuzzSeed> frames;
        try
        {
            frames = new ReceiveTarget(scratch.FullName).CreateSeeds(scratch.FullName);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        var time = ReceiveTarget.Start;
        var all = Write(PcapWriterSnap.Full, frames.Select(f => f.Bytes), time);
        return
        [
            new("header-only", Write(PcapWriterSnap.Full, [], time)),
            new("one-frame", Write(PcapWriterSnap.Full, [frames[0].Bytes], time)),
            new("all-frames", all),
            new("snapped-records", Write(PcapWriterSnap.Short, frames.Select(f => f.Bytes), time)),
            new("big-endian", ToBigEndian(all)),
            new("nanosecond", ToNanosecond(all)),
        ];
    }

    private enum PcapWriterSnap
    {
        Full,
        Short,
    }

    private static byte[] Write(PcapWriterSnap snap, IEnumerable<byte[]> frames, DateTimeOffset time)
    {
        var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, snap == PcapWriterSnap.Full ? PcapWriter.DefaultSnapLength : 64, leaveOpen: true))
        {
            var i = 0;
            foreach (var frame in frames)
            {
                writer.Write(time.AddMilliseconds(100 * i++), frame);
            }
        }

        return stream.ToArray();
    }

    // The same file in the other byte order: the header's five 32-bit fields after the two 16-bit versions swapped,
    // each record header's four 32-bit fields swapped (pcap-savefile(5)).
    private static byte[] ToBigEndian(byte[] file)
    {
        var b = (byte[])file.Clone();
        Swap32(b, 0);
        Swap16(b, 4);
        Swap16(b, 6);
        for (var o = 8; o < 24; o += 4)
        {
            Swap32(b, o);
        }

        for (var at = 24; at + 16 <= b.Length;)
        {
            var captured = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(at + 8));
            for (var o = 0; o < 16; o += 4)
            {
                Swap32(b, at + o);
            }

            at += 16 + captured;
        }

        return b;
    }

    // The same file with nanosecond timestamps: magic 0xa1b23c4d and each fraction times 1000.
    private static byte[] ToNanosecond(byte[] file)
    {
        var b = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(b, 0xa1b23c4d);
        for (var at = 24; at + 16 <= b.Length;)
        {
            var micro = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at + 4));
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at + 4), micro * 1000);
            at += 16 + BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(at + 8));
        }

        return b;
    }

    private static void Swap32(byte[] b, int at) => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)));

    private static void Swap16(byte[] b, int at) => BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)));
}
