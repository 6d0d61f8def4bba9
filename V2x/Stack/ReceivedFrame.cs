using V2x.Btp;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Link;
using V2x.Security;
using V2x.Security.Signing;

namespace V2x.Stack;

/// <summary>
/// A frame taken apart by <see cref="FrameParser"/>, every layer of it. For a secured frame,
/// <see cref="Security"/> holds the verified SPDU and everything from <see cref="Packet"/> down was
/// covered by its signature; <see cref="Link"/> and <see cref="Basic"/> never are.
/// </summary>
/// <param name="Link">
/// The Ethernet II header (and the whole GeoNetworking packet as its payload). NOT signed: the source
/// address is a pseudonymous link address anyone can set.
/// </param>
/// <param name="Basic">
/// The GeoNetworking Basic Header: lifetime and remaining hop limit. NOT signed (EN 302 636-4-1 v1.4.1
/// §9.6; forwarders rewrite the RHL, and anyone can rewrite both): use them for forwarding only, never
/// for a trust or freshness decision. Freshness comes from <see cref="HeaderInfo"/>.GenerationTime,
/// which is signed.
/// </param>
/// <param name="Security">The decoded and verified SPDU (signer, HeaderInfo); null for an unsecured frame.</param>
/// <param name="Packet">Common Header, extended header (source position vector) and the BTP packet as payload.</param>
/// <param name="Btp">The BTP-B packet; null for a packet without transport (a beacon).</param>
/// <param name="Cam">The CAM, when the BTP-B destination port is 2001.</param>
/// <param name="Denm">The DENM, when the BTP-B destination port is 2002.</param>
/// <param name="IntegrityReport">The integrity report in the signed HeaderInfo, or null (unsecured frame, or a legacy sender).</param>
public sealed record ReceivedFrame(
    EthernetFrame Link,
    BasicHeader Basic,
    VerifiedSpdu? Security,
    GnPacket Packet,
    BtpBPacket? Btp,
    CamMessage? Cam,
    DenmMessage? Denm,
    IntegrityReport? IntegrityReport)
{
    /// <summary>True when the frame was a secured packet whose signature verified.</summary>
    public bool IsSecured => Security is not null;

    /// <summary>The signer that verified (its certificate and cached key); null for an unsecured frame.</summary>
    public CachedSigner? Signer => Security?.Signer;

    /// <summary>The signed HeaderInfo (psid, generationTime, …); null for an unsecured frame.</summary>
    public HeaderInfo? HeaderInfo => Security?.HeaderInfo;

    /// <summary>The facilities octets after the BTP-B header (empty without BTP).</summary>
    public ReadOnlyMemory<byte> FacilitiesOctets => Btp?.Payload ?? ReadOnlyMemory<byte>.Empty;
}
