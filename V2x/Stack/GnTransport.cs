using V2x.GeoNetworking;

namespace V2x.Stack;

/// <summary>
/// How a frame travels at the GeoNetworking layer (ETSI EN 302 636-4-1 v1.4.1): the Basic Header
/// (lifetime, remaining hop limit), the Common Header (next header BTP-B, traffic class, mobile flag,
/// maximum hop limit) and the packet type: single-hop broadcast (SHB, §9.8.4; CAMs) or geo-broadcast
/// to an area (GBC, §9.8.5; DENMs). The source position vector is given per frame (<see cref="FrameRequest.Source"/>).
/// </summary>
/// <remarks>
/// Lifetime and remaining hop limit are written in the Basic Header, which is outside the 1609.2
/// signature (EN 302 636-4-1 §9.6: a forwarder rewrites them); everything else here is signed.
/// </remarks>
public sealed record GnTransport
{
    private GnTransport(BasicHeader basic, CommonHeader common, GeoArea? area, ushort sequenceNumber, uint mediaDependentData)
    {
        Basic = basic;
        Common = common;
        Area = area;
        SequenceNumber = sequenceNumber;
        MediaDependentData = mediaDependentData;
    }

    /// <summary>The Basic Header: lifetime and remaining hop limit (not signed).</summary>
    public BasicHeader Basic { get; }

    /// <summary>The Common Header (next header is always BTP-B here).</summary>
    public CommonHeader Common { get; }

    /// <summary>The destination area of a geo-broadcast; null for a single-hop broadcast.</summary>
    public GeoArea? Area { get; }

    /// <summary>The GBC sequence number (EN 302 636-4-1 §9.8.5); zero and unused for SHB.</summary>
    public ushort SequenceNumber { get; }

    /// <summary>The SHB media-dependent data (§9.8.4: DCC information for ITS-G5, ETSI TS 102 636-4-2); zero and unused for GBC.</summary>
    public uint MediaDependentData { get; }

    /// <summary>
    /// Single-hop broadcast (EN 302 636-4-1 v1.4.1 §9.8.4): RHL = MHL = 1, the default
    /// lifetime of 60 s (Annex H itsGnDefaultPacketLifetime) unless given, traffic class 2 by default,
    /// the media-dependent data the access layer supplies (zero when it supplies none).
    /// </summary>
    public static GnTransport SingleHopBroadcast(TrafficClass? trafficClass = null, Lifetime? lifetime = null, bool mobile = true, uint mediaDependentData = 0) =>
        new(
            new BasicHeader(lifetime ?? Lifetime.Default, 1),
            new CommonHeader(CommonNextHeader.BtpB, trafficClass ?? new TrafficClass(false, false, 2), mobile, 1),
            null,
            0,
            mediaDependentData);

    /// <summary>
    /// Geo-broadcast to <paramref name="area"/> (EN 302 636-4-1 v1.4.1 §9.8.5) with
    /// <paramref name="hopLimit"/> as both RHL and MHL (Annex H itsGnDefaultHopLimit = 10), the default
    /// lifetime unless given, traffic class 0 by default.
    /// </summary>
    public static GnTransport GeoBroadcast(ushort sequenceNumber, GeoArea area, byte hopLimit = 10, TrafficClass? trafficClass = null, Lifetime? lifetime = null, bool mobile = true)
    {
        if (!Enum.IsDefined(area.Shape))
        {
            throw new ArgumentOutOfRangeException(nameof(area), area.Shape, "circle, rectangle or ellipse");
        }

        ArgumentOutOfRangeException.ThrowIfZero(hopLimit);
        return new(
            new BasicHeader(lifetime ?? Lifetime.Default, hopLimit),
            new CommonHeader(CommonNextHeader.BtpB, trafficClass ?? new TrafficClass(false, false, 0), mobile, hopLimit),
            area,
            sequenceNumber,
            0);
    }

    /// <summary>Geo-broadcast to a circle of <paramref name="radiusMetres"/> around the centre (1/10 µ°).</summary>
    public static GnTransport GeoBroadcastCircle(ushort sequenceNumber, int centreLatitudeTenthMicrodegrees, int centreLongitudeTenthMicrodegrees, ushort radiusMetres, byte hopLimit = 10) =>
        GeoBroadcast(sequenceNumber, GeoArea.Circle(centreLatitudeTenthMicrodegrees, centreLongitudeTenthMicrodegrees, radiusMetres), hopLimit);

    /// <summary>The extended header of a packet sent from <paramref name="source"/>.</summary>
    internal GnExtendedHeader ExtendedHeader(LongPositionVector source) => Area is { } area
        ? new GeoBroadcastHeader(SequenceNumber, source, area)
        : new SingleHopBroadcastHeader(source, MediaDependentData);
}
