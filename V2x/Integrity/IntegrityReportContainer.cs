using V2x.Btp;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;
using V2x.Per;

namespace V2x.Integrity;

/// <summary>
/// The facilities carrier of the <see cref="IntegrityReport"/> (<see cref="ReportCarrier.Facilities"/>): one
/// <see cref="WrappedExtensionContainer"/> with the project-private id <see cref="ContainerId"/> in the CAM's
/// <c>extensionContainers</c> (CamParameters extension addition 1, ETSI TS 103 900 v2.x) or in the DENM
/// ManagementContainer's project-private container list (addition 8). Its containerData is the complete UPER
/// encoding of <c>OCTET STRING (SIZE (25))</c>, which is the 25 octets themselves (X.691 §17: a fixed size
/// below 64K has no length determinant): the report's canonical OER encoding, the same octets as in the
/// HeaderInfo carrier. Layout, sizes and why: Docs/formats.md §3.8.
/// </summary>
/// <remarks>
/// The carrier lives inside the signed payload (the GeoNetworking packet that is the SPDU's unsecuredData,
/// ETSI TS 103 097 v2.1.1 §5.2), which a receiver hashes as received: a decoder that knows neither the
/// container id nor the addition skips it by its open-type length and the signature still verifies. Only the
/// secure partition writes it (<see cref="Put(ReadOnlySpan{byte}, IntegrityReport)"/> on the packet it is given
/// to sign).
/// </remarks>
public static class IntegrityReportContainer
{
    /// <summary>
    /// Project-private ExtensionContainerId: the top of the root range <c>INTEGER (1..16, ...)</c>, which
    /// TS 103 900 assigns from the bottom (1 to 6 so far), so the least likely to be assigned later. It must be
    /// registered before use outside this project.
    /// </summary>
    public const int ContainerId = WrappedExtensionContainer.RootIdMax;

    /// <summary>A copy of <paramref name="cam"/> carrying <paramref name="report"/> (replacing a previous one, keeping other containers).</summary>
    /// <exception cref="ArgumentException">The CAM already has the most containers a list holds.</exception>
    public static CamMessage Put(CamMessage cam, IntegrityReport report)
    {
        ArgumentNullException.ThrowIfNull(cam);
        var parameters = cam.Cam.CamParameters;
        var containers = With(parameters.ExtensionContainers, report);
        return cam with { Cam = cam.Cam with { CamParameters = parameters with { ExtensionContainers = containers } } };
    }

    /// <summary>A copy of <paramref name="denm"/> carrying <paramref name="report"/> (replacing a previous one, keeping other containers).</summary>
    /// <exception cref="ArgumentException">The DENM already has the most containers a list holds.</exception>
    public static DenmMessage Put(DenmMessage denm, IntegrityReport report)
    {
        ArgumentNullException.ThrowIfNull(denm);
        var management = denm.Denm.Management;
        var containers = With(management.ExtensionContainers, report);
        return denm with { Denm = denm.Denm with { Management = management with { ExtensionContainers = containers } } };
    }

    /// <summary>The report a CAM carries, or null.</summary>
    /// <exception cref="DecodeException">A container of this id that is not one report, or several of them.</exception>
    public static IntegrityReport? Read(CamMessage cam)
    {
        ArgumentNullException.ThrowIfNull(cam);
        return Read(cam.Cam.CamParameters.ExtensionContainers, "CAM.cam.camParameters.extensionContainers");
    }

    /// <summary>The report a DENM carries, or null.</summary>
    /// <exception cref="DecodeException">A container of this id that is not one report, or several of them.</exception>
    public static IntegrityReport? Read(DenmMessage denm)
    {
        ArgumentNullException.ThrowIfNull(denm);
        return Read(denm.Denm.Management.ExtensionContainers, "DENM.denm.management.extensionContainers");
    }

    /// <summary>
    /// The secure partition's step (patent ¶145-149): <paramref name="packet"/> is the GeoNetworking packet it
    /// is asked to sign (Common Header, extended header, BTP-B, a CAM on port 2001 or a DENM on port 2002); the
    /// result is the same packet with the report in the facilities message and the Common Header's payload
    /// length (EN 302 636-4-1 v1.4.1 §9.7.2) set to the new length. The facilities message must re-encode to
    /// exactly the octets given (the partition changes nothing else of what the application wrote), so a
    /// message with extension additions this codec does not keep is refused.
    /// </summary>
    /// <exception cref="DecodeException">The packet does not decode, is not a CAM or DENM on its port, or does not re-encode to itself.</exception>
    /// <exception cref="ArgumentException">The facilities message has no room for another container.</exception>
    public static byte[] Put(ReadOnlySpan<byte> packet, IntegrityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var octets = packet.ToArray();
        var gn = GeoNetworkingCodec.DecodePacket(octets);
        if (gn.Common.NextHeader != CommonNextHeader.BtpB)
        {
            throw new DecodeException("GeoNetworking.commonHeader.nextHeader", 0, $"next header {gn.Common.NextHeader}: the facilities carrier needs BTP-B");
        }

        var btp = BtpBCodec.Decode(gn.Payload);
        var facilities = btp.Payload;
        byte[] augmented;
        switch (btp.Header.DestinationPort)
        {
            case BtpPorts.Cam:
                var cam = CamCodec.Decode(facilities);
                RequireExact(CamCodec.Encode(cam), facilities.Span, "CAM");
                augmented = CamCodec.Encode(Put(cam, report));
                break;
            case BtpPorts.Denm:
                var denm = DenmCodec.Decode(facilities);
                RequireExact(DenmCodec.Encode(denm), facilities.Span, "DENM");
                augmented = DenmCodec.Encode(Put(denm, report));
                break;
            default:
                throw new DecodeException("BTP-B.destinationPort", 0, $"port {btp.Header.DestinationPort} carries no CAM or DENM: the facilities carrier needs one");
        }

        return GeoNetworkingCodec.EncodePacket(gn with { Payload = BtpBCodec.Encode(btp.Header, augmented) });
    }

    /// <summary>The report in a GeoNetworking packet's CAM or DENM, or null when it carries none (or no CAM or DENM).</summary>
    /// <exception cref="DecodeException">The packet or its facilities message is malformed.</exception>
    public static IntegrityReport? Read(ReadOnlySpan<byte> packet)
    {
        var gn = GeoNetworkingCodec.DecodePacket(packet.ToArray());
        if (gn.Common.NextHeader != CommonNextHeader.BtpB)
        {
            return null;
        }

        var btp = BtpBCodec.Decode(gn.Payload);
        return btp.Header.DestinationPort switch
        {
            BtpPorts.Cam => Read(CamCodec.Decode(btp.Payload)),
            BtpPorts.Denm => Read(DenmCodec.Decode(btp.Payload)),
            _ => null,
        };
    }

    private static SequenceOf<WrappedExtensionContainer> With(SequenceOf<WrappedExtensionContainer>? existing, IntegrityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var list = existing?.Where(c => c.ContainerId != ContainerId).ToList() ?? [];
        if (list.Count >= WrappedExtensionContainer.RootMaxCount)
        {
            throw new ArgumentException($"the message already holds {list.Count} extension containers", nameof(existing));
        }

        list.Add(new WrappedExtensionContainer(ContainerId, new OctetString(report.Encode())));
        return new SequenceOf<WrappedExtensionContainer>(list);
    }

    private static IntegrityReport? Read(SequenceOf<WrappedExtensionContainer>? containers, string path)
    {
        IntegrityReport? found = null;
        foreach (var container in containers ?? SequenceOf<WrappedExtensionContainer>.Empty)
        {
            if (container.ContainerId != ContainerId)
            {
                continue;
            }

            if (found is not null)
            {
                throw new DecodeException(path, 0, "more than one integrity report");
            }

            try
            {
                found = IntegrityReport.Decode(container.ContainerData.ToArray());
            }
            catch (DecodeException e)
            {
                throw new DecodeException($"{path}.containerData.{e.FieldPath}", e.ByteOffset, e.Reason);
            }
        }

        return found;
    }

    private static void RequireExact(ReadOnlySpan<byte> reencoded, ReadOnlySpan<byte> given, string kind)
    {
        if (!reencoded.SequenceEqual(given))
        {
            throw new DecodeException(kind, 0, $"the {kind} does not re-encode to the octets given (a non-canonical encoding or an extension addition this codec does not keep)");
        }
    }
}
