using V2x.Btp;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.Security;

namespace V2x.Stack;

/// <summary>
/// What a frame carries above BTP-B: a CAM or DENM (encoded once, in UPER, when this value is made) or
/// opaque octets for another service, with the BTP-B destination port it is addressed to and the
/// PSID (ITS-AID) the 1609.2 layer signs it under.
/// </summary>
/// <remarks>
/// The well-known pairs are fixed: CAM on port 2001 under PSID 36, DENM on port 2002 under PSID 37
/// (ETSI TS 103 248 for the ports; ETSI TS 102 965 for the ITS-AIDs, used as 1609.2 PSIDs by
/// ETSI TS 103 097 v2.1.1 §7.1.1 and §7.1.2). A receiver checks the same pairs
/// (<see cref="FrameParser"/>), so a ticket that may only sign DENMs cannot pass off a CAM.
/// </remarks>
public sealed class FacilitiesPayload
{
    private FacilitiesPayload(BtpBHeader btp, Psid psid, ReadOnlyMemory<byte> encoded, CamMessage? cam, DenmMessage? denm)
    {
        Btp = btp;
        Psid = psid;
        Encoded = encoded;
        Cam = cam;
        Denm = denm;
    }

    /// <summary>The BTP-B header the payload goes out with (destination port and port info).</summary>
    public BtpBHeader Btp { get; }

    /// <summary>The PSID of the 1609.2 HeaderInfo that signs this payload.</summary>
    public Psid Psid { get; }

    /// <summary>The facilities octets after the BTP-B header.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>The CAM, when this payload is one.</summary>
    public CamMessage? Cam { get; }

    /// <summary>The DENM, when this payload is one.</summary>
    public DenmMessage? Denm { get; }

    /// <summary>A CAM (ETSI EN 302 637-2 v1.4.1) to BTP-B port 2001 under PSID 36; encodes it now.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A CAM field outside its constraint (the parameter name is the field path).</exception>
    public static FacilitiesPayload FromCam(CamMessage cam)
    {
        ArgumentNullException.ThrowIfNull(cam);
        return new FacilitiesPayload(new BtpBHeader(BtpPorts.Cam), Psid.Cam, CamCodec.Encode(cam), cam, null);
    }

    /// <summary>A DENM (ETSI EN 302 637-3 v1.3.1) to BTP-B port 2002 under PSID 37; encodes it now.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A DENM field outside its constraint (the parameter name is the field path).</exception>
    public static FacilitiesPayload FromDenm(DenmMessage denm)
    {
        ArgumentNullException.ThrowIfNull(denm);
        return new FacilitiesPayload(new BtpBHeader(BtpPorts.Denm), Psid.Denm, DenmCodec.Encode(denm), null, denm);
    }

    /// <summary>
    /// Already encoded octets for the service at <paramref name="btp"/>'s port, signed under
    /// <paramref name="psid"/>. The octets are held, not copied: do not change them while the payload is
    /// in use. On a port of <see cref="PortPsidTable"/> the PSID must be the port's; a port outside the table is
    /// accepted here (tests build hostile frames with it) and refused by every receiver of this project.
    /// </summary>
    public static FacilitiesPayload Opaque(ReadOnlyMemory<byte> octets, BtpBHeader btp, Psid psid)
    {
        if (PortPsidTable.PsidOf(btp.DestinationPort) is { } expected && expected != psid)
        {
            throw new ArgumentException($"BTP port {btp.DestinationPort} carries PSID {expected}, not {psid}", nameof(psid));
        }

        return new FacilitiesPayload(btp, psid, octets, null, null);
    }
}
