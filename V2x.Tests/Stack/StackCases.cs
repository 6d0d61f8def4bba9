using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Tests.Facilities;
using V2x.Tests.Security;
using V2x.Time;

namespace V2x.Tests.Stack;

/// <summary>
/// Whole frames for the stack tests: the CAMs and DENMs of <see cref="WiresharkCases"/> as requests,
/// one bench PKI (root and authorization ticket with the integrity-assurance permission), and the
/// signed variants every tshark, parser and fuzz test uses.
/// </summary>
internal static class StackCases
{
    /// <summary>The generation time of every signed test frame: 2026-03-01T12:00:00Z.</summary>
    public static readonly DateTimeOffset GenerationTime = TestPki.Now.ToUtc();

    public static readonly TestPki Pki = new(SignatureAlgorithm.EcdsaNistP256, integrityAssurance: 5);

    public static readonly IntegrityReport Report = new(
        IntegrityLevel.Anomaly, DetectorFlags.Network | DetectorFlags.Process, 1234, 0x1122334455667788, TestPki.Now)
    {
        Coverage = (DetectorFlags)0xFF00,
    };

    public static FrameRequest Cam(int index = 0)
    {
        var (_, cam, source) = WiresharkCases.Cams[index];
        return new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(), source, GenerationTime);
    }

    public static FrameRequest Denm(int index = 0)
    {
        var (_, denm, source, sequenceNumber, area) = WiresharkCases.Denms[index];
        return new FrameRequest(FacilitiesPayload.FromDenm(denm), GnTransport.GeoBroadcast(sequenceNumber, area), source, GenerationTime)
        {
            ElevationDecimetres = 3720,
        };
    }

    /// <summary>The signed kinds the tshark and parser tests cover: CAM and DENM, digest and certificate, with and without the report.</summary>
    public static IReadOnlyList<SignedCase> Signed { get; } =
    [
        new("CAM, digest signer", Cam(), SignerChoice.Digest, null),
        new("CAM, certificate signer", Cam(), SignerChoice.Certificate, null),
        new("CAM, digest signer, integrity report", Cam(), SignerChoice.Digest, Report),
        new("CAM, certificate signer, integrity report", Cam(1), SignerChoice.Certificate, Report),
        new("DENM, certificate signer", Denm(), SignerChoice.Certificate, null),
        new("DENM, digest signer", Denm(1), SignerChoice.Digest, null),
        new("DENM, certificate signer, integrity report", Denm(), SignerChoice.Certificate, Report),
        new("DENM, digest signer, integrity report", Denm(1), SignerChoice.Digest, Report),
        new("CAM, digest signer, integrity report in the facilities carrier", Cam(), SignerChoice.Digest, Report, ReportCarrier.Facilities),
        new("CAM, certificate signer, integrity report in the facilities carrier", Cam(1), SignerChoice.Certificate, Report, ReportCarrier.Facilities),
        new("DENM, certificate signer, integrity report in the facilities carrier", Denm(), SignerChoice.Certificate, Report, ReportCarrier.Facilities),
        new("DENM, digest signer, integrity report in the facilities carrier", Denm(1), SignerChoice.Digest, Report, ReportCarrier.Facilities),
    ];

    public static TheoryData<int, string> SignedRows()
    {
        var rows = new TheoryData<int, string>();
        for (var i = 0; i < Signed.Count; i++)
        {
            rows.Add(i, Signed[i].Name);
        }

        return rows;
    }

    /// <summary>A verifier that trusts the bench root and has already seen the ticket (so digest signers resolve).</summary>
    public static SpduVerifier WarmVerifier(VerificationKeyCache cache)
    {
        var verifier = Pki.NewVerifier(cache);
        verifier.Trust(Pki.Ticket);
        return verifier;
    }

    internal sealed record SignedCase(string Name, FrameRequest Request, SignerChoice Signer, IntegrityReport? Report, ReportCarrier Carrier = ReportCarrier.HeaderInfo)
    {
        public byte[] Build() => Report is { } report
            ? FrameBuilder.BuildSigned(Request, Pki.Signer, Signer, report, Carrier)
            : FrameBuilder.BuildSigned(Request, Pki.Signer, Signer, (IntegrityReport?)null);

        /// <summary>The request as sent: with the report in its CAM or DENM when that is the carrier.</summary>
        public FrameRequest Sent => Report is { } report && Carrier == ReportCarrier.Facilities ? FrameBuilder.WithReportInFacilities(Request, report) : Request;

        /// <summary>The report in HeaderInfo, when that is the carrier.</summary>
        public IntegrityReport? InHeader => Carrier == ReportCarrier.HeaderInfo ? Report : null;
    }
}
