using V2x.GeoNetworking;
using V2x.Link;
using V2x.Security;

namespace V2x.Stack;

/// <summary>
/// The position a frame's sender put in it: the source long position vector of the GeoNetworking extended header
/// (EN 302 636-4-1 v1.4.1 §9.8.2 to §9.8.6), inside the signed payload of a secured packet (TS 103 097 v2.1.1 §5.2).
/// Decoded with the stack's codecs, not verified: the bench's radio range model (Hardware/Radio/RadioRange) places
/// the sender with it before any receiver checks the signature, as a radio channel would by the sender's antenna.
/// </summary>
public static class SenderPosition
{
    /// <summary>Latitude and longitude in degrees, or null when the frame is malformed or carries no source position.</summary>
    public static (double Latitude, double Longitude)? Read(ReadOnlyMemory<byte> frame)
    {
        try
        {
            var link = EthernetCodec.Decode(frame);
            if (link.EtherType != EtherTypes.GeoNetworking)
            {
                return null;
            }

            var gn = GeoNetworkingCodec.Decode(link.Payload);
            var packet = gn.Packet;
            if (packet is null)
            {
                var inner = Ieee1609Dot2Data.Decode(gn.SecuredPacket).SignedData?.TbsData.Payload.Data;
                if (inner is null || inner.Kind != ContentKind.UnsecuredData)
                {
                    return null;
                }

                packet = GeoNetworkingCodec.DecodePacket(inner.Opaque);
            }

            return packet.SourcePosition is { } p ? (p.LatitudeTenthMicrodegrees / 1e7, p.LongitudeTenthMicrodegrees / 1e7) : null;
        }
        catch (DecodeException)
        {
            return null;
        }
    }
}
