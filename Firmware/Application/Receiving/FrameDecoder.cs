using V2x;
using V2x.Btp;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Link;
using V2x.Security;
using V2x.Stack;

namespace Firmware.Application.Receiving;

/// <summary>
/// The decode stage: every layer of a received frame, Ethernet II → GeoNetworking Basic Header → secured
/// packet (IEEE 1609.2 signed data) → Common and extended header → BTP-B → CAM or DENM → integrity report,
/// without verifying anything, so the later stages can run the cheap checks before the signature. The same
/// layering and rules as <see cref="FrameParser"/> (V2x/Stack), which decodes and verifies in one call.
/// </summary>
internal static class FrameDecoder
{
    /// <exception cref="DecodeException">Malformed at some layer.</exception>
    /// <exception cref="FrameRejectedException">Well-formed but refused.</exception>
    public static DecodedFrame Decode(ReadOnlyMemory<byte> frame)
    {
        var link = EthernetCodec.Decode(frame);
        if (link.EtherType != EtherTypes.GeoNetworking)
        {
            throw new DecodeException("Ethernet.etherType", 12, $"EtherType 0x{link.EtherType:x4} is not GeoNetworking (0x{EtherTypes.GeoNetworking:x4})");
        }

        var gn = GeoNetworkingCodec.Decode(link.Payload);
        if (!gn.IsSecured)
        {
            // EN 302 636-4-1 v1.4.1 Annex H (itsGnSecurity enabled): only secured packets are taken.
            throw new FrameRejectedException(ReceiveReason.NotSigned, "the GeoNetworking packet is not secured");
        }

        var data = Ieee1609Dot2Data.Decode(gn.SecuredPacket);
        if (data.SignedData is not { } signed)
        {
            throw new FrameRejectedException(ReceiveReason.NotSigned, $"the secured packet's content is {data.Kind}");
        }

        // ETSI TS 103 097 v2.1.1 §5.2: the signed payload is unsecuredData carrying the GN packet from the Common Header on.
        var inner = signed.TbsData.Payload.Data;
        if (inner is null || inner.Kind != ContentKind.UnsecuredData)
        {
            throw new DecodeException("Ieee1609Dot2Data.content.signedData.tbsData.payload.data", 0, "the secured packet does not carry unsecuredData");
        }

        var header = signed.TbsData.HeaderInfo;

        // TS 103 097 v2.1.1 §7.1.1 (CAM) and §7.1.2 (DENM): generationTime is present.
        if (header.GenerationTime is null)
        {
            throw new FrameRejectedException(ReceiveReason.MissingGenerationTime, "the signed HeaderInfo has no generationTime");
        }

        var packet = GeoNetworkingCodec.DecodePacket(inner.Opaque);
        BtpBPacket? btp = null;
        switch (packet.Common.NextHeader)
        {
            case CommonNextHeader.BtpB:
                btp = BtpBCodec.Decode(packet.Payload);
                break;
            case CommonNextHeader.Any when packet.Payload.IsEmpty:
                break;
            default:
                throw new DecodeException("GeoNetworking.commonHeader.nextHeader", 0, $"next header {packet.Common.NextHeader} with a payload is not supported (BTP-B is)");
        }

        // TS 103 097 v2.1.1 §7.1: the PSID is the one of the BTP port's service, for every port (PortPsidTable:
        // TS 103 248 ports, TS 102 965 ITS-AIDs); a port outside the table, a packet without BTP-B and a PSID
        // that is no message service (IDF 0x1E, OEM 0x1D) are refused.
        var port = btp?.Header.DestinationPort;
        if (PortPsidTable.Check(header.Psid, port) is { } problem)
        {
            throw new FrameRejectedException(problem.UnknownPort ? ReceiveReason.UnknownPort : ReceiveReason.PsidPortMismatch, problem.Reason);
        }

        CamMessage? cam = port == BtpPorts.Cam ? CamCodec.Decode(btp!.Payload) : null;
        DenmMessage? denm = port == BtpPorts.Denm ? DenmCodec.Decode(btp!.Payload) : null;
        var report = IntegrityReportExtension.Read(header);
        return new DecodedFrame(link, gn.Basic, data, signed, packet, btp, cam, denm, report);
    }
}
