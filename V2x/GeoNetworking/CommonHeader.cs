namespace V2x.GeoNetworking;

/// <summary>
/// The GeoNetworking Common Header (ETSI EN 302 636-4-1 v1.4.1 §9.7): next header, header type and
/// sub-type, traffic class, flags (bit 0 "mobile", itsGnIsMobile), payload length and maximum hop
/// limit, with two reserved fields. The header type comes from the extended header and the payload
/// length from the payload, so neither is held here.
/// </summary>
public readonly record struct CommonHeader(CommonNextHeader NextHeader, TrafficClass TrafficClass, bool Mobile, byte MaximumHopLimit)
{
    public const int Length = 8;
}
