using V2x;
using V2x.Btp;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Security;

namespace Firmware.SecurePartition;

public sealed partial class SecurePartitionService
{
    /// <summary>
    /// Puts <paramref name="report"/> where this deployment carries it (<see cref="SecurePartitionOptions.ReportCarrier"/>,
    /// Docs/formats.md §3.4 and §3.8) and returns the payload and header to sign: with the facilities carrier, into
    /// the CAM or DENM of the GeoNetworking packet the application handed over (the Common Header's payload length
    /// fixed), else into HeaderInfo.contributedExtensions. A payload that is not a GeoNetworking packet with BTP-B
    /// to the CAM or DENM port has no facilities message, so its report goes into HeaderInfo whatever the
    /// configuration. One signature covers the payload, the report, the time, counter and nonce either way.
    /// </summary>
    /// <exception cref="PartitionException">A CAM or DENM packet the report cannot be put into (malformed, not re-encodable, no room).</exception>
    private (ReadOnlyMemory<byte> Payload, HeaderInfo Header) Carry(ReadOnlyMemory<byte> payload, HeaderInfo header, IntegrityReport report)
    {
        if (_options.ReportCarrier != ReportCarrier.Facilities || !IsCamOrDenmPacket(payload.Span))
        {
            return (payload, IntegrityReportExtension.Put(header, report));
        }

        try
        {
            return (IntegrityReportContainer.Put(payload.Span, report), header);
        }
        catch (DecodeException e)
        {
            throw new PartitionException(PartitionError.Malformed, $"The report cannot go into this message's facilities payload: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new PartitionException(PartitionError.Malformed, $"The report cannot go into this message's facilities payload: {e.Message}");
        }
    }

    // EN 302 636-4-1 v1.4.1 §9.7 (the Common Header's NH names BTP-B) and ETSI TS 103 248 (ports 2001, 2002).
    private static bool IsCamOrDenmPacket(ReadOnlySpan<byte> payload)
    {
        try
        {
            var packet = GeoNetworkingCodec.DecodePacket(payload.ToArray());
            return packet.Common.NextHeader == CommonNextHeader.BtpB
                && BtpBCodec.Decode(packet.Payload).Header.DestinationPort is BtpPorts.Cam or BtpPorts.Denm;
        }
        catch (DecodeException)
        {
            return false;
        }
    }
}
