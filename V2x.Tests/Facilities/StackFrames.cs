using V2x.Btp;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.GeoNetworking;
using V2x.Link;

namespace V2x.Tests.Facilities;

/// <summary>
/// Builds whole unsecured frames the way an OBU sends them: Ethernet II broadcast, GeoNetworking
/// (SHB for CAMs, circular GBC for DENMs), BTP-B to the well-known port, then the facilities message.
/// </summary>
internal static class StackFrames
{
    public static readonly MacAddress Station = MacAddress.Parse("02:00:5e:10:00:01");

    public static readonly BasicHeader ShbBasic = new(Lifetime.Default, 1);

    public static readonly CommonHeader ShbCommon = new(CommonNextHeader.BtpB, new TrafficClass(false, false, 2), true, 1);

    public static readonly BasicHeader GbcBasic = new(Lifetime.Default, 10);

    public static readonly CommonHeader GbcCommon = new(CommonNextHeader.BtpB, new TrafficClass(false, false, 0), true, 10);

    public static LongPositionVector Source(int latitude, int longitude, short speed, ushort heading, uint timestamp) =>
        new(new GnAddress(false, GnStationType.PassengerCar, Station), new GnTimestamp(timestamp), latitude, longitude, true, speed, heading);

    public static byte[] Cam(CamMessage cam, LongPositionVector source)
    {
        var btp = BtpBCodec.Encode(new BtpBHeader(BtpPorts.Cam), CamCodec.Encode(cam));
        var gn = GeoNetworkingCodec.Encode(ShbBasic, new GnPacket(ShbCommon, new SingleHopBroadcastHeader(source), btp));
        return EthernetCodec.EncodeGeoNetworkingBroadcast(Station, gn);
    }

    public static byte[] Denm(DenmMessage denm, LongPositionVector source, ushort sequenceNumber, GeoArea area)
    {
        var btp = BtpBCodec.Encode(new BtpBHeader(BtpPorts.Denm), DenmCodec.Encode(denm));
        var gn = GeoNetworkingCodec.Encode(GbcBasic, new GnPacket(GbcCommon, new GeoBroadcastHeader(sequenceNumber, source, area), btp));
        return EthernetCodec.EncodeGeoNetworkingBroadcast(Station, gn);
    }
}
