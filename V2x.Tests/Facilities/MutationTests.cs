using CsCheck;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.GeoNetworking;
using V2x.Link;
using V2x.Pcap;

namespace V2x.Tests.Facilities;

/// <summary>
/// Mutated inputs (bit flips, truncations, appended octets) of valid frames: every decoder either
/// succeeds or raises <see cref="DecodeException"/>; no other exception escapes.
/// </summary>
public class MutationTests
{
    private static readonly Gen<(int Kind, int Position, int Value)> Mutation = Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Int[0, 255]);

    [Fact]
    public void Cam_decoder_only_raises_decode_errors()
    {
        Gen.Select(FacilitiesGen.Cam, Mutation.Array[1, 4]).Sample((cam, mutations) =>
            DecodesOrRejects(Mutate(CamCodec.Encode(cam), mutations), bytes => CamCodec.Decode(bytes)), iter: 3000);
    }

    [Fact]
    public void Denm_decoder_only_raises_decode_errors()
    {
        Gen.Select(FacilitiesGen.Denm, Mutation.Array[1, 4]).Sample((denm, mutations) =>
            DecodesOrRejects(Mutate(DenmCodec.Encode(denm), mutations), bytes => DenmCodec.Decode(bytes)), iter: 3000);
    }

    [Fact]
    public void Frame_decoders_only_raise_decode_errors()
    {
        var frames = Gen.OneOf(
            FacilitiesGen.Cam.Select(c => StackFrames.Cam(c, StackFrames.Source(1, 2, 3, 4, 5))),
            FacilitiesGen.DenmForWireshark.Select(d => StackFrames.Denm(d, StackFrames.Source(1, 2, 3, 4, 5), 9, GeoArea.Circle(1, 2, 3))));
        Gen.Select(frames, Mutation.Array[1, 4]).Sample((frame, mutations) =>
            DecodesOrRejects<object>(Mutate(frame, mutations), bytes =>
            {
                var ethernet = EthernetCodec.Decode(bytes);
                var gn = GeoNetworkingCodec.Decode(ethernet.Payload);
                return gn.Packet is null ? gn : V2x.Btp.BtpBCodec.Decode(gn.Packet.Payload);
            }), iter: 3000);
    }

    [Fact]
    public void Pcap_reader_only_raises_decode_errors()
    {
        Gen.Select(Gen.Byte.Array[0, 200].Array[0, 4], Mutation.Array[1, 4]).Sample((records, mutations) =>
        {
            using var stream = new MemoryStream();
            using (var writer = new PcapWriter(stream, leaveOpen: true))
            {
                foreach (var record in records)
                {
                    writer.Write(DateTimeOffset.UnixEpoch.AddDays(1), record);
                }
            }

            DecodesOrRejects(Mutate(stream.ToArray(), mutations), bytes =>
            {
                using var reader = new PcapReader(new MemoryStream(bytes));
                return reader.ReadAll().Count();
            });
        }, iter: 3000);
    }

    private static byte[] Mutate(byte[] input, (int Kind, int Position, int Value)[] mutations)
    {
        var bytes = input.ToList();
        foreach (var (kind, position, value) in mutations)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            var at = position % bytes.Count;
            switch (kind)
            {
                case 0:
                    bytes[at] ^= (byte)(1 << (value % 8));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.Insert(at, (byte)value);
                    break;
            }
        }

        return [.. bytes];
    }

    private static void DecodesOrRejects<T>(byte[] input, Func<byte[], T> decode)
    {
        try
        {
            decode(input);
        }
        catch (DecodeException)
        {
            // The one typed error for bad input.
        }
    }
}
