using Firmware.Application.Composition;
using Hardware.Positioning;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Time;

namespace Firmware.Tests.Application.Support;

/// <summary>
/// A remote station of the receive tests whose ticket key is in memory, so a test can sign exactly the frame
/// it needs (any report, counter or time) the way a station's secure partition would, and what a partition
/// never would (a reused counter, a report with the wrong time).
/// </summary>
internal sealed class TestStation
{
    /// <summary>A fix on the bench's Munich block (Germany).</summary>
    public static readonly PositionFix Munich = new(true, 48.13743, 11.57549, 519, 13.9, 0, TestAuthority.Now, 1.5);

    public TestStation(TestAuthority authority, byte? assurance = 5, GeographicRegion? region = null, ValidityPeriod? validity = null,
        IReadOnlyList<PsidSsp>? permissions = null, PsidSsp? rawIdfPermission = null)
    {
        Key = EcdsaP256SignatureKey.Generate();
        Ticket = authority.Ticket(Key.PublicKey, assurance, region, validity, permissions, rawIdfPermission);
        Signer = new SpduSigner(Key, Ticket);
        Identity = new StationIdentity(0x1234_5678, V2x.Link.MacAddress.Parse("02:00:00:00:12:34"));
    }

    /// <summary>A station signing with <paramref name="key"/> under <paramref name="ticket"/> (a ticket a test built by hand).</summary>
    public TestStation(Certificate ticket, EcdsaP256SignatureKey key, StationIdentity? identity = null)
    {
        Key = key;
        Ticket = ticket;
        Signer = new SpduSigner(Key, Ticket);
        Identity = identity ?? new StationIdentity(0x1234_5678, V2x.Link.MacAddress.Parse("02:00:00:00:12:34"));
    }

    public EcdsaP256SignatureKey Key { get; }

    public Certificate Ticket { get; }

    public SpduSigner Signer { get; }

    public StationIdentity Identity { get; }

    public HashedId8 Digest => Ticket.HashedId8;

    /// <summary>The report a partition would write for a message generated at <paramref name="time"/>.</summary>
    public static IntegrityReport Report(IntegrityLevel level, uint counter, DateTimeOffset time, DetectorFlags? detectors = null, DetectorFlags? coverage = null) =>
        new(level, detectors ?? (level == IntegrityLevel.NoAnomaly ? DetectorFlags.None : DetectorFlags.Process), counter, 0x0102030405060708UL ^ counter, Time64.FromUtc(time))
        {
            // A sender that evaluated every detector class unless the row says otherwise (Docs/trust-decisions.md row 10).
            Coverage = coverage ?? FullCoverage,
        };

    /// <summary>All eight detector classes.</summary>
    public const DetectorFlags FullCoverage = DetectorFlags.SecurityPolicy | DetectorFlags.Memory | DetectorFlags.Network | DetectorFlags.Process
        | DetectorFlags.TaskManager | DetectorFlags.Crash | DetectorFlags.IntegrityCheck | DetectorFlags.HsmTamper;

    /// <summary>A CAM frame generated at <paramref name="time"/>.</summary>
    public byte[] Cam(DateTimeOffset time, SignerChoice signer, IntegrityReport? report, Func<HeaderInfo, HeaderInfo>? edit = null,
        SpecialVehicleContainer? special = null) =>
        Build(CamRequest(Identity, time, special), signer, report, edit);

    /// <summary>The request of a CAM from <paramref name="identity"/> on the Munich block, generated at <paramref name="time"/>.</summary>
    public static FrameRequest CamRequest(StationIdentity identity, DateTimeOffset time, SpecialVehicleContainer? special = null)
    {
        var fix = Munich with { FixTime = time };
        var cam = CamComposer.Cam(identity, CamComposer.Vehicle.PassengerCar, fix, time, lowFrequency: false);
        if (special is not null)
        {
            cam = cam with { Cam = cam.Cam with { CamParameters = cam.Cam.CamParameters with { SpecialVehicleContainer = special } } };
        }

        return new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
            CamComposer.PositionVector(identity, GnStationType.PassengerCar, fix), time);
    }

    /// <summary>
    /// A forgery under this station's ticket: a CAM built as the station would, with the last octet of its
    /// signature's s flipped (valid structure, wrong signature: what an attacker without the key puts on the air).
    /// </summary>
    public byte[] ForgedCam(DateTimeOffset time, SignerChoice signer, IntegrityReport? report) => BreakSignature(Cam(time, signer, report));

    /// <summary>A forged DENM (an EEBL) under this station's ticket, as <see cref="ForgedCam"/>.</summary>
    public byte[] ForgedDenm(DateTimeOffset time, SignerChoice signer, IntegrityReport? report) => BreakSignature(Denm(time, signer, report));

    private static byte[] BreakSignature(byte[] frame)
    {
        frame[^1] ^= 0x01;
        return frame;
    }

    /// <summary>The same CAM without security (what a station without a ticket would send).</summary>
    public byte[] UnsecuredCam(DateTimeOffset time)
    {
        var fix = Munich with { FixTime = time };
        var cam = CamComposer.Cam(Identity, CamComposer.Vehicle.PassengerCar, fix, time, lowFrequency: false);
        return FrameBuilder.BuildUnsecured(new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
            CamComposer.PositionVector(Identity, GnStationType.PassengerCar, fix), time));
    }

    /// <summary>A DENM frame (an EEBL unless told otherwise) generated at <paramref name="time"/>.</summary>
    public byte[] Denm(DateTimeOffset time, SignerChoice signer, IntegrityReport? report, CauseCode? cause = null, DateTimeOffset? detection = null,
        int validitySeconds = 10, Termination? termination = null, Func<HeaderInfo, HeaderInfo>? edit = null) =>
        Build(DenmRequest(Identity, time, cause, detection, validitySeconds, termination), signer, report, edit);

    /// <summary>The request of a DENM (an EEBL unless told otherwise) from <paramref name="identity"/>, generated at <paramref name="time"/>.</summary>
    public static FrameRequest DenmRequest(StationIdentity identity, DateTimeOffset time, CauseCode? cause = null, DateTimeOffset? detection = null,
        int validitySeconds = 10, Termination? termination = null)
    {
        var fix = Munich with { FixTime = time };
        var detected = TimestampIts.FromUtc(detection ?? time);
        var denm = new DenmMessage(identity.StationId, new DecentralizedEnvironmentalNotificationMessage(
            new ManagementContainer(new ActionId(identity.StationId, 7), detected, detected, CamComposer.ReferencePosition(fix), StationType.PassengerCar,
                termination, ValidityDurationSeconds: validitySeconds),
            new SituationContainer(1, cause ?? new CauseCode(CauseCodeType.DangerousSituation, 1))));
        var position = CamComposer.PositionVector(identity, GnStationType.PassengerCar, fix);
        return new FrameRequest(FacilitiesPayload.FromDenm(denm),
            GnTransport.GeoBroadcastCircle(1, position.LatitudeTenthMicrodegrees, position.LongitudeTenthMicrodegrees, 300), position, time)
        {
            ElevationDecimetres = 5190,
        };
    }

    /// <summary>
    /// A frame to BTP port <paramref name="port"/> signed under <paramref name="psid"/>, whatever the port (a hostile
    /// sender's): a CAM's octets on port 2001, a DENM's on 2002, a few opaque octets elsewhere. The frame builder insists
    /// on the port's PSID, so the packet is signed under <paramref name="psid"/> by hand and wrapped.
    /// </summary>
    public byte[] Opaque(DateTimeOffset time, ushort port, Psid psid, IntegrityReport? report)
    {
        var fix = Munich with { FixTime = time };
        var octets = port switch
        {
            V2x.Btp.BtpPorts.Cam => CamRequest(Identity, time).Payload.Encoded,
            V2x.Btp.BtpPorts.Denm => DenmRequest(Identity, time).Payload.Encoded,
            _ => new byte[] { 0x02, 0x04, 0x01, 0x02, 0x03 },
        };
        var payload = FacilitiesPayload.Opaque(octets, new V2x.Btp.BtpBHeader(port), PortPsidTable.PsidOf(port) ?? psid);
        var request = new FrameRequest(payload, GnTransport.SingleHopBroadcast(), CamComposer.PositionVector(Identity, GnStationType.PassengerCar, fix), time);
        var header = FrameBuilder.HeaderInfoFor(request, report) with { Psid = psid };
        return FrameBuilder.WrapSecured(request, Signer.SignPayload(FrameBuilder.ToBeSignedPayload(request), header, SignerChoice.Certificate));
    }

    private byte[] Build(FrameRequest request, SignerChoice signer, IntegrityReport? report, Func<HeaderInfo, HeaderInfo>? edit)
    {
        var header = FrameBuilder.HeaderInfoFor(request, report);
        if (edit is not null)
        {
            header = edit(header);
        }

        return FrameBuilder.BuildSigned(request, Signer, signer, header);
    }
}
