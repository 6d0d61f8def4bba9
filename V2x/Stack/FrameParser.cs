using System.Runtime.InteropServices;
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
/// Takes received frames apart, Ethernet II to facilities message: Ethernet → Basic Header → secured
/// packet → Common and extended header → BTP-B → CAM or DENM, all decoded first, then the signature
/// verified by the caller's <see cref="SpduVerifier"/> (its trusted issuers and key cache).
/// </summary>
/// <remarks>
/// Bad frames raise <see cref="DecodeException"/> (malformed at any layer; the byte offset counts from
/// the start of the frame) or <see cref="VerificationException"/> (well-formed but not verified, not
/// secured, or signed under a PSID that is not the one of the service addressed), and nothing else. The
/// work per frame is bounded by its length (every decoder is linear and bounded) plus at most one
/// signature verification and, for a certificate signer not yet cached, one certificate verification.
/// The Basic Header's lifetime and remaining hop limit are outside the signature: nothing here reads
/// them for a decision; they are handed back in <see cref="ReceivedFrame.Basic"/> marked as such.
/// </remarks>
public static class FrameParser
{
    /// <summary>
    /// Parses a secured frame and verifies it (fail closed: an unsecured frame is a
    /// <see cref="VerificationException"/> with <see cref="VerificationFailure.NotSigned"/>).
    /// </summary>
    public static ReceivedFrame Parse(ReadOnlyMemory<byte> frame, SpduVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var (link, gn) = Outer(frame);
        if (!gn.IsSecured)
        {
            // Fail closed: with GeoNetworking security enabled (EN 302 636-4-1 v1.4.1 Annex H, itsGnSecurity) only secured packets are taken.
            throw new VerificationException(VerificationFailure.NotSigned, "the GeoNetworking packet is not secured (Basic Header NH = common header)");
        }

        // Every layer is decoded before the signature is verified: a malformed frame costs no signature
        // verification, and a frame changes no state (the verifier's key cache) unless it is accepted whole.
        Ieee1609Dot2Data data;
        try
        {
            data = Ieee1609Dot2Data.Decode(gn.SecuredPacket);
        }
        catch (DecodeException e)
        {
            throw Rebase(e, frame, gn.SecuredPacket);
        }

        if (data.SignedData is not { } signed)
        {
            throw new VerificationException(VerificationFailure.NotSigned, $"the secured packet's content is {data.Kind}");
        }

        // TS 103 097 v2.1.1 §5.2: the signed payload is data carrying unsecuredData, the GN packet from the Common Header on.
        var inner = signed.TbsData.Payload.Data;
        if (inner is null || inner.Kind != ContentKind.UnsecuredData)
        {
            throw new DecodeException(
                "Ieee1609Dot2Data.content.signedData.tbsData.payload.data",
                FrameBuilder.OuterHeadersLength,
                "the secured packet does not carry unsecuredData (extDataHash, omitted or nested content)");
        }

        var header = signed.TbsData.HeaderInfo;
        var packet = DecodePacket(frame, inner.Opaque);
        var (btp, cam, denm) = Transport(frame, packet, header.Psid);
        IntegrityReport? report;
        try
        {
            report = IntegrityReportExtension.Read(header);
        }
        catch (DecodeException e)
        {
            throw Rebase(e, frame, ReportOctets(header));
        }

        var spdu = new VerifiedSpdu(data, signed, verifier.Verify(signed));
        return new ReceivedFrame(link, gn.Basic, spdu, packet, btp, cam, denm, report);
    }

    /// <summary>
    /// Parses an unsecured frame (the bench's unsecured mode, captures of unsecured traffic). A secured
    /// frame is rejected with <see cref="DecodeException"/>: it needs <see cref="Parse"/> and a verifier.
    /// </summary>
    public static ReceivedFrame ParseUnsecured(ReadOnlyMemory<byte> frame)
    {
        var (link, gn) = Outer(frame);
        if (gn.Packet is not { } packet)
        {
            throw new DecodeException("GeoNetworking.basicHeader.nextHeader", EthernetCodec.HeaderLength, "a secured packet: parse it with a verifier");
        }

        var (btp, cam, denm) = Transport(frame, packet, null);
        return new ReceivedFrame(link, gn.Basic, null, packet, btp, cam, denm, null);
    }

    private static (EthernetFrame Link, GnPdu Gn) Outer(ReadOnlyMemory<byte> frame)
    {
        var link = EthernetCodec.Decode(frame);
        if (link.EtherType != EtherTypes.GeoNetworking)
        {
            throw new DecodeException("Ethernet.etherType", 12, $"EtherType 0x{link.EtherType:x4} is not GeoNetworking (0x{EtherTypes.GeoNetworking:x4})");
        }

        try
        {
            return (link, GeoNetworkingCodec.Decode(link.Payload));
        }
        catch (DecodeException e)
        {
            throw Rebase(e, frame, link.Payload);
        }
    }

    private static GnPacket DecodePacket(ReadOnlyMemory<byte> frame, ReadOnlyMemory<byte> octets)
    {
        try
        {
            return GeoNetworkingCodec.DecodePacket(octets);
        }
        catch (DecodeException e)
        {
            throw Rebase(e, frame, octets);
        }
    }

    // EN 302 636-4-1 v1.4.1 §9.7.3: the Common Header's NH names the transport; this stack takes BTP-B
    // (EN 302 636-5-1 v2.2.1 §7.3) and, unsecured, beacons, which carry none (a secured packet needs a port).
    private static (BtpBPacket? Btp, CamMessage? Cam, DenmMessage? Denm) Transport(ReadOnlyMemory<byte> frame, GnPacket packet, Psid? signedPsid)
    {
        BtpBPacket? btp = null;
        switch (packet.Common.NextHeader)
        {
            case CommonNextHeader.BtpB:
                try
                {
                    btp = BtpBCodec.Decode(packet.Payload);
                }
                catch (DecodeException e)
                {
                    throw Rebase(e, frame, packet.Payload);
                }

                break;
            case CommonNextHeader.Any when packet.Payload.IsEmpty:
                break;
            default:
                throw new DecodeException(
                    "GeoNetworking.commonHeader.nextHeader",
                    OffsetIn(frame, packet.Payload) - GeoNetworkingCodec.HeadersLength(packet.Extended),
                    $"next header {packet.Common.NextHeader} with a payload is not supported by this receiver (BTP-B is)");
        }

        var port = btp?.Header.DestinationPort;
        if (signedPsid is { } psid)
        {
            CheckPsid(psid, port);
        }

        try
        {
            return port switch
            {
                BtpPorts.Cam => (btp, CamCodec.Decode(btp!.Payload), null),
                BtpPorts.Denm => (btp, null, DenmCodec.Decode(btp!.Payload)),
                _ => (btp, null, null),
            };
        }
        catch (DecodeException e)
        {
            throw Rebase(e, frame, btp!.Payload);
        }
    }

    // ETSI TS 103 097 v2.1.1 §7.1: a message is signed under its service's PSID (PortPsidTable: TS 103 248
    // ports, TS 102 965 ITS-AIDs). Checked both ways for every port, before the facilities message is
    // decoded: a ticket permitted for one service cannot have its signature accepted for another port's, a
    // port outside the table or a packet without BTP-B is refused, and so is any PSID that is no message
    // service (the IDF and OEM PSIDs 0x1E, 0x1D).
    private static void CheckPsid(Psid psid, ushort? port)
    {
        if (PortPsidTable.Check(psid, port) is { } problem)
        {
            throw new VerificationException(VerificationFailure.PsidMismatch, problem.Reason);
        }
    }

    private static ReadOnlyMemory<byte> ReportOctets(HeaderInfo header)
    {
        foreach (var block in header.ContributedExtensions ?? [])
        {
            if (block.ContributorId == IntegrityReportExtension.ContributorId && block.Extensions.Count > 0)
            {
                return block.Extensions[0];
            }
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>The same error with its byte offset counted from the start of the frame.</summary>
    private static DecodeException Rebase(DecodeException error, ReadOnlyMemory<byte> frame, ReadOnlyMemory<byte> part) =>
        new(error.FieldPath, error.ByteOffset + OffsetIn(frame, part), error.Reason);

    // Every decoder hands back slices of its input, so each layer is a slice of the frame.
    private static int OffsetIn(ReadOnlyMemory<byte> frame, ReadOnlyMemory<byte> part)
    {
        if (MemoryMarshal.TryGetArray(frame, out var whole) && MemoryMarshal.TryGetArray(part, out var slice)
            && ReferenceEquals(whole.Array, slice.Array))
        {
            return slice.Offset - whole.Offset;
        }

        return frame.Span.Overlaps(part.Span, out var offset) ? offset : 0;
    }
}
