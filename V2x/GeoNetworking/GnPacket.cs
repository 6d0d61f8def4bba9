namespace V2x.GeoNetworking;

/// <summary>
/// The part of a GeoNetworking packet after the Basic Header: Common Header, extended header and
/// payload (the BTP packet). Unsecured it follows the Basic Header directly; secured it is the
/// payload of the IEEE 1609.2 secured packet.
/// </summary>
/// <remarks>The payload is held by reference: two packets compare equal only if they share it.</remarks>
public sealed record GnPacket(CommonHeader Common, GnExtendedHeader Extended, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The source long position vector of the extended header (EN 302 636-4-1 v1.4.1 §9.8.2 to §9.8.6), or null for a header without one.</summary>
    public LongPositionVector? SourcePosition => Extended switch
    {
        SingleHopBroadcastHeader h => h.Source,
        GeoBroadcastHeader h => h.Source,
        GeoAnycastHeader h => h.Source,
        TopologicallyScopedBroadcastHeader h => h.Source,
        BeaconHeader h => h.Source,
        _ => null,
    };
}
