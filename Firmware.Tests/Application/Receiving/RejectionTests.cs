using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// One named row per way a frame fails a stage of the receive pipeline (Docs/trust-decisions.md, order of
/// checks): the stage and typed reason it gets, and that the rejected frame changed nothing (no ticket cached,
/// no counter window or recent-message entry, nothing waiting). Pass rows sit beside the boundaries.
/// </summary>
public sealed class RejectionTests
{
    private static readonly TestAuthority Authority = new("reject.test");

    private static readonly IReadOnlyList<PsidSsp> CamOnly = [TestAuthority.CamAndDenm[0]];

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Freshness (CAM: not older than 2 s, not more than 40 ms ahead; EN 302 637-2 / the lead's defaults).
        ["fresh: CAM 2000 ms old passes"] = new(ReceiveStage.Decision, ReceiveReason.None, (s, now) => s.Cam(now.AddMilliseconds(-2000), SignerChoice.Certificate, Clean(now.AddMilliseconds(-2000)))),
        ["fresh: CAM 40 ms ahead passes"] = new(ReceiveStage.Decision, ReceiveReason.None, (s, now) => s.Cam(now.AddMilliseconds(40), SignerChoice.Certificate, Clean(now.AddMilliseconds(40)))),
        ["stale: CAM 2001 ms old"] = new(ReceiveStage.Freshness, ReceiveReason.Stale, (s, now) => s.Cam(now.AddMilliseconds(-2001), SignerChoice.Certificate, Clean(now.AddMilliseconds(-2001)))),
        ["stale: CAM an hour old"] = new(ReceiveStage.Freshness, ReceiveReason.Stale, (s, now) => s.Cam(now.AddHours(-1), SignerChoice.Certificate, Clean(now.AddHours(-1)))),
        ["future: CAM 41 ms ahead"] = new(ReceiveStage.Freshness, ReceiveReason.FromTheFuture, (s, now) => s.Cam(now.AddMilliseconds(41), SignerChoice.Certificate, Clean(now.AddMilliseconds(41)))),
        ["future: CAM a minute ahead"] = new(ReceiveStage.Freshness, ReceiveReason.FromTheFuture, (s, now) => s.Cam(now.AddMinutes(1), SignerChoice.Certificate, Clean(now.AddMinutes(1)))),
        ["expired: expiryTime passed"] = new(ReceiveStage.Freshness, ReceiveReason.Expired,
            (s, now) => s.Cam(now, SignerChoice.Certificate, Clean(now), h => h with { ExpiryTime = Time64.FromUtc(now.AddMilliseconds(-1)) })),
        ["expired: DENM past its validity duration"] = new(ReceiveStage.Freshness, ReceiveReason.Expired,
            (s, now) => s.Denm(now, SignerChoice.Certificate, Clean(now), detection: now.AddSeconds(-11), validitySeconds: 10)),
        ["fresh: DENM within its validity duration passes"] = new(ReceiveStage.Decision, ReceiveReason.None,
            (s, now) => s.Denm(now, SignerChoice.Certificate, Clean(now), detection: now.AddSeconds(-9), validitySeconds: 10)),

        // Decode.
        ["malformed: truncated frame"] = new(ReceiveStage.Decode, ReceiveReason.Malformed, (s, now) => s.Cam(now, SignerChoice.Certificate, Clean(now))[..60]),
        ["malformed: one octet"] = new(ReceiveStage.Decode, ReceiveReason.Malformed, (_, _) => [0x00]),
        ["missing generationTime in the signed HeaderInfo"] = new(ReceiveStage.Decode, ReceiveReason.MissingGenerationTime,
            (s, now) => s.Cam(now, SignerChoice.Certificate, Clean(now), h => h with { GenerationTime = null })),
        ["not signed: an unsecured CAM"] = new(ReceiveStage.Decode, ReceiveReason.NotSigned, (s, now) => s.UnsecuredCam(now)),
        ["two reports that disagree: HeaderInfo and facilities carriers, counters differ"] = new(ReceiveStage.Decode, ReceiveReason.ReportsDisagree,
            (s, now) => s.CamWithTwoReports(now, Clean(now), TestStation.Report(IntegrityLevel.NoAnomaly, 99, now))),
        ["two reports that agree: one report in both carriers passes"] = new(ReceiveStage.Decision, ReceiveReason.None,
            (s, now) => s.CamWithTwoReports(now, Clean(now), Clean(now))),
        ["malformed report in the facilities carrier (version 1)"] = new(ReceiveStage.Decode, ReceiveReason.Malformed,
            (s, now) => s.CamWithFacilitiesContainer(now, [0x01, .. new byte[23]])),

        // Signer.
        ["ticket not yet valid at generation"] = new(ReceiveStage.Signer, ReceiveReason.CertificateNotValid, (s, now) => s.Cam(now, SignerChoice.Certificate, Clean(now)),
            Validity: new ValidityPeriod(Time32.FromUtc(TestAuthority.Now.AddDays(1)), new Duration(DurationUnit.Hours, 24))),
        ["ticket expired before generation"] = new(ReceiveStage.Signer, ReceiveReason.CertificateNotValid, (s, now) => s.Cam(now, SignerChoice.Certificate, Clean(now)),
            Validity: new ValidityPeriod(Time32.FromUtc(TestAuthority.Now.AddDays(-8)), new Duration(DurationUnit.Hours, 24))),

        ["outside region: a ticket for 500 m around Berlin, sent in Munich"] = new(ReceiveStage.Signer, ReceiveReason.OutsideRegion, (s, now) => s.Cam(now, SignerChoice.Certificate, Clean(now)),
            Region: GeographicRegion.FromCircle(new CircularRegion(new TwoDLocation(525_200_000, 134_050_000), 500))),
        ["inside region: a ticket for 2 km around Munich"] = new(ReceiveStage.Decision, ReceiveReason.None, (s, now) => s.Cam(now, SignerChoice.Certificate, Clean(now)),
            Region: GeographicRegion.FromCircle(new CircularRegion(new TwoDLocation(481_374_300, 115_754_900), 2000))),

        // Permissions.
        ["PSID not permitted: a CAM-only ticket signs a DENM"] = new(ReceiveStage.Permissions, ReceiveReason.PsidNotPermitted,
            (s, now) => s.Denm(now, SignerChoice.Certificate, Clean(now)), Permissions: CamOnly),
        ["PSID permitted: the CAM-only ticket signs a CAM"] = new(ReceiveStage.Decision, ReceiveReason.None, (s, now) => s.Cam(now, SignerChoice.Certificate, Clean(now)), Permissions: CamOnly),

        // Signature.
        ["signature broken: last octet of s flipped"] = new(ReceiveStage.Signature, ReceiveReason.BadSignature, (s, now) => Flip(s.Cam(now, SignerChoice.Certificate, Clean(now)), ^1)),

        // Assurance: the report is consistent with the message and with itself.
        ["IDF assurance SSP with level 9 (0..7 defined)"] = new(ReceiveStage.Assurance, ReceiveReason.MalformedAssurance, (s, now) => s.Cam(now, SignerChoice.Certificate, Clean(now)),
            RawIdf: new PsidSsp(IntegrityAssurance.Psid, ServiceSpecificPermissions.Bitmap([0x01, 0x09]))),
        ["IDF assurance SSP of an unknown version"] = new(ReceiveStage.Assurance, ReceiveReason.MalformedAssurance, (s, now) => s.Cam(now, SignerChoice.Certificate, Clean(now)),
            RawIdf: new PsidSsp(IntegrityAssurance.Psid, ServiceSpecificPermissions.Bitmap([0x02, 0x05]))),
        ["report time is not the generation time"] = new(ReceiveStage.Assurance, ReceiveReason.ReportInconsistent,
            (s, now) => s.Cam(now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 7, now.AddSeconds(-1)))),
        ["report level clean with detectors set"] = new(ReceiveStage.Assurance, ReceiveReason.ReportInconsistent,
            (s, now) => s.Cam(now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 7, now, DetectorFlags.Process))),
        ["report level anomaly without a detector"] = new(ReceiveStage.Assurance, ReceiveReason.ReportInconsistent,
            (s, now) => s.Cam(now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.Anomaly, 7, now, DetectorFlags.None))),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_check_rejects_with_its_reason_and_changes_nothing(string name)
    {
        var c = Cases[name];
        using var receiver = new TestReceiver(Authority);

        // Some state first, so that "changes nothing" means something: another station's accepted CAM.
        var other = new TestStation(Authority);
        Assert.True(receiver.Process(other.Cam(receiver.Now, SignerChoice.Certificate, Clean(receiver.Now))).IsAccepted);
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var before = receiver.State;

        var station = c.RawIdf is null
            ? new TestStation(Authority, region: c.Region, validity: c.Validity, permissions: c.Permissions)
            : new TestStation(Authority, assurance: null, region: c.Region, validity: c.Validity, permissions: c.Permissions, rawIdfPermission: c.RawIdf);
        var result = receiver.Process(c.Frame(station, receiver.Now));

        Assert.True(c.Stage == result.Stage && c.Reason == result.Reason, $"{name}: got {result.Stage} {result.Reason} ({result.Detail})");
        if (c.Reason == ReceiveReason.None)
        {
            Assert.True(result.IsAccepted);
            return;
        }

        Assert.Equal(ReceiveOutcome.Rejected, result.Outcome);
        Assert.Equal(TrustDecision.Discard, result.Decision);
        Assert.Null(result.Frame);
        Assert.False(string.IsNullOrEmpty(result.Detail));
        Assert.Equal(before, receiver.State);
        Assert.Equal(1, receiver.Pipeline.Recent.Count(c.Reason));
    }

    private static IntegrityReport Clean(DateTimeOffset time) => TestStation.Report(IntegrityLevel.NoAnomaly, (uint)time.Millisecond + 1000, time);

    private static byte[] Flip(byte[] frame, Index at)
    {
        frame[at] ^= 0x01;
        return frame;
    }

    private sealed record Case(ReceiveStage Stage, ReceiveReason Reason, Func<TestStation, DateTimeOffset, byte[]> Frame,
        ValidityPeriod? Validity = null, IReadOnlyList<PsidSsp>? Permissions = null, GeographicRegion? Region = null, PsidSsp? RawIdf = null);
}
