using V2x.GeoNetworking;

namespace V2x.Stack;

/// <summary>
/// One frame to send: the facilities payload, how it travels, the sender's position vector and the
/// time the message is generated.
/// </summary>
/// <param name="Payload">CAM, DENM or opaque octets with their BTP port and PSID.</param>
/// <param name="Transport">SHB or GBC, with the Basic and Common Header fields.</param>
/// <param name="Source">
/// The sender's long position vector (EN 302 636-4-1 v1.4.1 §9.5.2): its GN_ADDR MID is also the
/// Ethernet source address, and its TST is the time the position was acquired (not the generation time).
/// </param>
/// <param name="GenerationTime">
/// When the message is generated: HeaderInfo.generationTime of a signed frame (IEEE 1609.2 §6.3 HeaderInfo,
/// Time64 in TAI; ETSI TS 103 097 v2.1.1 §7.1.1, §7.1.2). Unused by unsecured frames.
/// </param>
public sealed record FrameRequest(FacilitiesPayload Payload, GnTransport Transport, LongPositionVector Source, DateTimeOffset GenerationTime)
{
    /// <summary>Lowest elevation IEEE 1609.2 can express, −409.5 m (Elevation ::= Uint16, 0 = −409.5 m).</summary>
    public const int MinElevationDecimetres = -4095;

    /// <summary>Highest elevation IEEE 1609.2 can express, 6143.9 m.</summary>
    public const int MaxElevationDecimetres = 61439;

    /// <summary>
    /// The sender's height above the WGS84 ellipsoid in decimetres, for HeaderInfo.generationLocation
    /// (which DENMs carry, TS 103 097 v2.1.1 §7.1.2). The position vector has no altitude; when this is
    /// null the elevation is sent as 0 m.
    /// </summary>
    public int? ElevationDecimetres { get; init; }
}
