using V2x.Btp;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Link;
using V2x.Security;
using V2x.Time;

namespace V2x.Stack;

/// <summary>
/// Builds whole frames, Ethernet II to facilities message, the way the OBU sends them (layout in
/// Docs/formats.md): unsecured (Basic Header NH = common header) or secured (NH = secured packet, the
/// IEEE 1609.2 Ieee1609Dot2Data whose unsecuredData is the Common Header, extended header, BTP-B
/// header and facilities octets; ETSI EN 302 636-4-1 v1.4.1 §9.6.3; ETSI TS 103 097 v2.1.1 §5.2).
/// </summary>
/// <remarks>
/// Two ways to a signed frame: <see cref="BuildSigned(FrameRequest, Security.Signing.SpduSigner, Security.Signing.SignerChoice, IntegrityReport?)"/>
/// in one pass where the key is reachable (any <see cref="Security.Crypto.ISignatureKey"/>, a PKCS#11
/// token included), or in three steps where another party signs (the secure partition):
/// <see cref="ToBeSignedPayload"/> and <see cref="HeaderInfoFor"/> give what to sign,
/// <see cref="Security.Signing.SpduSigner.SignPayload(ReadOnlySpan{byte}, HeaderInfo, Security.Signing.SignerChoice)"/>
/// signs it, <see cref="WrapSecured"/> frames the result. Both give the same octets.
/// Caller mistakes (a field outside its range, a header for another PSID) throw <see cref="ArgumentException"/>.
/// </remarks>
public static partial class FrameBuilder
{
    /// <summary>Ethernet II header and GeoNetworking Basic Header: the octets in front of the Common Header or the secured packet.</summary>
    public const int OuterHeadersLength = EthernetCodec.HeaderLength + BasicHeader.Length;

    /// <summary>An unsecured frame: Ethernet II, Basic Header (NH = common header), Common Header, extended header, BTP-B, payload.</summary>
    public static byte[] BuildUnsecured(FrameRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var extended = ExtendedHeader(request);
        var frame = new byte[OuterHeadersLength + PacketLength(request, extended)];
        WriteOuterHeaders(frame, request, BasicNextHeader.CommonHeader);
        WritePacket(frame.AsSpan(OuterHeadersLength), request, extended);
        return frame;
    }

    /// <summary>
    /// The octets the 1609.2 layer signs as unsecuredData: Common Header, extended header (with the
    /// source position vector), BTP-B header and the facilities payload (EN 302 636-4-1 v1.4.1 §9.7,
    /// §9.8; EN 302 636-5-1 v2.2.1 §7.3). The Basic Header is not among them: it stays outside the
    /// signature (EN 302 636-4-1 §9.6), since forwarders rewrite its remaining hop limit.
    /// </summary>
    public static byte[] ToBeSignedPayload(FrameRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var extended = ExtendedHeader(request);
        var packet = new byte[PacketLength(request, extended)];
        WritePacket(packet, request, extended);
        return packet;
    }

    /// <summary>
    /// The HeaderInfo of a signed frame (ETSI TS 103 097 v2.1.1 §7.1.1 CAM, §7.1.2 DENM, §7.1.3 other):
    /// psid of the payload and generationTime (Time64, TAI µs since 2004); for DENMs also
    /// generationLocation from the source position vector (and <see cref="FrameRequest.ElevationDecimetres"/>);
    /// and, when given, the integrity report in contributedExtensions (<see cref="IntegrityReportExtension"/>).
    /// </summary>
    public static HeaderInfo HeaderInfoFor(FrameRequest request, IntegrityReport? report = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = new HeaderInfo { Psid = request.Payload.Psid, GenerationTime = Time64.FromUtc(request.GenerationTime) };
        if (request.Payload.Psid == Psid.Denm)
        {
            // TS 103 097 v2.1.1 §7.1.2: a DENM's headerInfo carries generationLocation.
            header = header with { GenerationLocation = GenerationLocation(request) };
        }

        return report is null ? header : IntegrityReportExtension.Put(header, report);
    }

    /// <summary>
    /// Frames a signed SPDU (an encoded Ieee1609Dot2Data over <see cref="ToBeSignedPayload"/>): Ethernet II
    /// broadcast from the source's GN_ADDR MID, Basic Header with NH = secured packet (EN 302 636-4-1
    /// v1.4.1 §9.6.3), then the SPDU as given.
    /// </summary>
    public static byte[] WrapSecured(FrameRequest request, ReadOnlySpan<byte> signedSpdu)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (signedSpdu.IsEmpty || signedSpdu[0] != Ieee1609Dot2Data.ProtocolVersion)
        {
            throw new ArgumentException("not an encoded Ieee1609Dot2Data (protocol version 3)", nameof(signedSpdu));
        }

        var frame = new byte[OuterHeadersLength + signedSpdu.Length];
        WriteOuterHeaders(frame, request, BasicNextHeader.SecuredPacket);
        signedSpdu.CopyTo(frame.AsSpan(OuterHeadersLength));
        return frame;
    }

    private static GnExtendedHeader ExtendedHeader(FrameRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Payload, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Transport, nameof(request));
        return request.Transport.ExtendedHeader(request.Source);
    }

    private static int PacketLength(FrameRequest request, GnExtendedHeader extended) =>
        GeoNetworkingCodec.HeadersLength(extended) + BtpBCodec.HeaderLength + request.Payload.Encoded.Length;

    // IEEE 802.3 §3.2: broadcast destination, the station's link address, EtherType 0x8947;
    // EN 302 636-4-1 v1.4.1 §9.6: version 1, NH, reserved, LT, RHL.
    private static void WriteOuterHeaders(Span<byte> destination, FrameRequest request, BasicNextHeader nextHeader)
    {
        ArgumentNullException.ThrowIfNull(request.Transport, nameof(request));
        EthernetCodec.WriteHeader(destination, MacAddress.Broadcast, request.Source.Address.Mid, EtherTypes.GeoNetworking);
        GeoNetworkingCodec.WriteBasic(destination[EthernetCodec.HeaderLength..], request.Transport.Basic, nextHeader);
    }

    // Common Header + extended header (EN 302 636-4-1 v1.4.1 §9.7, §9.8), BTP-B header (EN 302 636-5-1
    // v2.2.1 §7.3), facilities octets: written in place, the payload copied once.
    private static void WritePacket(Span<byte> destination, FrameRequest request, GnExtendedHeader extended)
    {
        var payload = request.Payload.Encoded.Span;
        var headers = GeoNetworkingCodec.HeadersLength(extended);
        GeoNetworkingCodec.WritePacketHeaders(destination, request.Transport.Common, extended, BtpBCodec.HeaderLength + payload.Length);
        BtpBCodec.WriteHeader(destination[headers..], request.Payload.Btp);
        payload.CopyTo(destination[(headers + BtpBCodec.HeaderLength)..]);
    }

    // IEEE 1609.2 ThreeDLocation: latitude and longitude in 1/10 µ° (as the position vector), elevation as
    // Uint16 decimetres above −409.5 m.
    private static ThreeDLocation GenerationLocation(FrameRequest request)
    {
        var elevation = request.ElevationDecimetres ?? 0;
        if (elevation is < FrameRequest.MinElevationDecimetres or > FrameRequest.MaxElevationDecimetres)
        {
            throw new ArgumentOutOfRangeException(nameof(request), elevation, "elevation outside −409.5 m .. 6143.9 m (IEEE 1609.2 Elevation)");
        }

        var source = request.Source;
        return new ThreeDLocation(source.LatitudeTenthMicrodegrees, source.LongitudeTenthMicrodegrees, (ushort)(elevation - FrameRequest.MinElevationDecimetres));
    }
}
