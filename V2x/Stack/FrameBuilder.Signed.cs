using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Signing;

namespace V2x.Stack;

public static partial class FrameBuilder
{
    /// <summary>
    /// A signed frame in one pass: the HeaderInfo of <see cref="HeaderInfoFor"/> (with
    /// <paramref name="report"/> when given), signed by <paramref name="signer"/>'s key and named by
    /// digest, certificate or self as <paramref name="signerChoice"/> says (TS 103 097 v2.1.1 §7.1.1: a
    /// CAM names the certificate about once a second and the digest otherwise; §7.1.2: a DENM names the
    /// certificate; the caller's signing policy decides).
    /// </summary>
    public static byte[] BuildSigned(FrameRequest request, SpduSigner signer, SignerChoice signerChoice, IntegrityReport? report = null) =>
        BuildSigned(request, signer, signerChoice, HeaderInfoFor(request, report));

    /// <summary>
    /// A signed frame with <paramref name="report"/> in the given carrier (Docs/formats.md §3.4, §3.8): in
    /// HeaderInfo.contributedExtensions, or in the CAM's or DENM's extension containers (the payload must then
    /// be a CAM or DENM built from its record, <see cref="FacilitiesPayload.FromCam"/> / <see cref="FacilitiesPayload.FromDenm"/>).
    /// On a station the secure partition writes the report; this is for tests, captures and tools.
    /// </summary>
    public static byte[] BuildSigned(FrameRequest request, SpduSigner signer, SignerChoice signerChoice, IntegrityReport report, ReportCarrier carrier) =>
        carrier == ReportCarrier.HeaderInfo
            ? BuildSigned(request, signer, signerChoice, report)
            : BuildSigned(WithReportInFacilities(request, report), signer, signerChoice, (IntegrityReport?)null);

    /// <summary>The request with <paramref name="report"/> in its CAM's or DENM's extension containers (<see cref="IntegrityReportContainer"/>).</summary>
    /// <exception cref="ArgumentException">The payload is not a CAM or DENM record.</exception>
    public static FrameRequest WithReportInFacilities(FrameRequest request, IntegrityReport report)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(report);
        var payload = request.Payload.Cam is { } cam ? FacilitiesPayload.FromCam(IntegrityReportContainer.Put(cam, report))
            : request.Payload.Denm is { } denm ? FacilitiesPayload.FromDenm(IntegrityReportContainer.Put(denm, report))
            : throw new ArgumentException("the facilities carrier needs a CAM or DENM payload", nameof(request));
        return request with { Payload = payload };
    }

    /// <summary>A signed frame in one pass with a HeaderInfo the caller built (its PSID must be the payload's).</summary>
    public static byte[] BuildSigned(FrameRequest request, SpduSigner signer, SignerChoice signerChoice, HeaderInfo header)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signer);
        var certificate = signerChoice == SignerChoice.Certificate ? signer.Certificate?.Encoded.Length ?? 0 : 0;
        var writer = new OerWriter(OuterHeadersLength + 256 + certificate + request.Payload.Encoded.Length);
        BuildSigned(writer, request, signer, signerChoice, header);
        return writer.ToArray();
    }

    /// <summary>
    /// Appends a signed frame to <paramref name="writer"/> (reuse one writer per sending thread and send
    /// <see cref="OerWriter.WrittenSpan"/>): Ethernet II and Basic Header, then the SPDU with the packet
    /// written in place inside it, hashed where it lies and signed; nothing is encoded twice and the
    /// payload is copied once. On <see cref="ArgumentException"/> the writer is left as it was.
    /// </summary>
    public static void BuildSigned(OerWriter writer, FrameRequest request, SpduSigner signer, SignerChoice signerChoice, HeaderInfo header)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(header);
        signer.CheckRequest(header, signerChoice);
        if (header.Psid != request.Payload.Psid)
        {
            throw new ArgumentException($"the header's PSID {header.Psid} is not the payload's {request.Payload.Psid}", nameof(header));
        }

        var extended = ExtendedHeader(request);
        var packetLength = PacketLength(request, extended);
        var start = writer.Length;
        try
        {
            WriteOuterHeaders(writer.Reserve(OuterHeadersLength), request, BasicNextHeader.SecuredPacket);

            // TS 103 097 v2.1.1 §5.2: the GN packet after the Basic Header is the unsecuredData of the SPDU.
            var tbsStart = signer.BeginPayload(writer, packetLength);
            WritePacket(writer.Reserve(packetLength), request, extended);
            signer.EndPayload(writer, tbsStart, header, signerChoice);
        }
        catch (ArgumentException)
        {
            writer.Truncate(start);
            throw;
        }
    }
}
