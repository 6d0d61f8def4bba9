using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.GeoNetworking;
using V2x.Link;
using V2x.Stack;

namespace V2x.Tests.Facilities;

/// <summary>
/// Unsecured whole frames the way an OBU sends them, through <see cref="FrameBuilder"/>: Ethernet II
/// broadcast, GeoNetworking (SHB for CAMs, circular or other GBC for DENMs), BTP-B to the well-known
/// port, then the facilities message.
/// </summary>
internal static class StackFrames
{
    public static readonly MacAddress Station = MacAddress.Parse("02:00:5e:10:00:01");

    /// <summary>Unused by unsecured frames (it is the 1609.2 generation time of signed ones).</summary>
    private static readonly DateTimeOffset GenerationTime = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static LongPositionVector Source(int latitude, int longitude, short speed, ushort heading, uint timestamp) =>
        new(new GnAddress(false, GnStationType.PassengerCar, Station), new GnTimestamp(timestamp), latitude, longitude, true, speed, heading);

    public static byte[] Cam(CamMessage cam, LongPositionVector source) =>
        FrameBuilder.BuildUnsecured(new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(), source, GenerationTime));

    public static byte[] Denm(DenmMessage denm, LongPositionVector source, ushort sequenceNumber, GeoArea area) =>
        FrameBuilder.BuildUnsecured(new FrameRequest(FacilitiesPayload.FromDenm(denm), GnTransport.GeoBroadcast(sequenceNumber, area), source, GenerationTime));
}
