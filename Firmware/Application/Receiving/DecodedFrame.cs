using V2x.Btp;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Link;
using V2x.Security;

namespace Firmware.Application.Receiving;

/// <summary>A frame with every layer decoded and nothing verified yet (the receive pipeline's first stage).</summary>
internal sealed record DecodedFrame(
    EthernetFrame Link,
    BasicHeader Basic,
    Ieee1609Dot2Data Data,
    SignedData Signed,
    GnPacket Packet,
    BtpBPacket? Btp,
    CamMessage? Cam,
    DenmMessage? Denm,
    IntegrityReport? Report)
{
    public HeaderInfo Header => Signed.TbsData.HeaderInfo;

    public Psid Psid => Header.Psid;

    public uint? StationId => Cam?.StationId ?? Denm?.StationId;

    /// <summary>The GN source address's MID (inside the signed packet), for the own-message check; null for a header without a source.</summary>
    public MacAddress? SourceMid => Packet.Extended switch
    {
        SingleHopBroadcastHeader h => h.Source.Address.Mid,
        GeoBroadcastHeader h => h.Source.Address.Mid,
        GeoAnycastHeader h => h.Source.Address.Mid,
        TopologicallyScopedBroadcastHeader h => h.Source.Address.Mid,
        BeaconHeader h => h.Source.Address.Mid,
        _ => null,
    };

    /// <summary>The signer's ticket digest as named (a digest, or the one carried certificate's HashedId8); null otherwise.</summary>
    public HashedId8? SignerDigest => Signed.Signer.Kind switch
    {
        SignerKind.Digest => Signed.Signer.Digest,
        SignerKind.Certificate when Signed.Signer.Certificates.Count == 1 => Signed.Signer.Certificates[0].HashedId8,
        _ => null,
    };

    /// <summary>The sender's position for the region check: the signed generationLocation, else the GN source position vector (also signed).</summary>
    public (int Latitude, int Longitude)? Position => Header.GenerationLocation is { } l
        ? (l.LatitudeTenthMicrodegrees, l.LongitudeTenthMicrodegrees)
        : Packet.Extended switch
        {
            SingleHopBroadcastHeader h => (h.Source.LatitudeTenthMicrodegrees, h.Source.LongitudeTenthMicrodegrees),
            GeoBroadcastHeader h => (h.Source.LatitudeTenthMicrodegrees, h.Source.LongitudeTenthMicrodegrees),
            GeoAnycastHeader h => (h.Source.LatitudeTenthMicrodegrees, h.Source.LongitudeTenthMicrodegrees),
            TopologicallyScopedBroadcastHeader h => (h.Source.LatitudeTenthMicrodegrees, h.Source.LongitudeTenthMicrodegrees),
            BeaconHeader h => (h.Source.LatitudeTenthMicrodegrees, h.Source.LongitudeTenthMicrodegrees),
            _ => null,
        };
}
