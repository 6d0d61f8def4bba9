using Bench.Stations;
using Firmware.Application.Composition;
using Hardware.Positioning;
using V2x.Integrity;
using V2x.Link;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Time;

namespace Bench.Tests.Stations;

public class ReplayAttackerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, uint, uint, ReportCarrier> Counters
    {
        get
        {
            var rows = new TheoryData<string, uint, uint, ReportCarrier>();
            foreach (var carrier in Enum.GetValues<ReportCarrier>())
            {
                rows.Add($"small step ({carrier})", 1000u, 1u, carrier);
                rows.Add($"step across the 32-bit wrap, RFC 1982 order ({carrier})", uint.MaxValue - 1, 5u, carrier);
                rows.Add($"large step ({carrier})", 7u, 999u, carrier);
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Counters))]
    public void AlterCounter_changes_exactly_the_report_counter(string row, uint counter, uint delta, ReportCarrier carrier)
    {
        var frame = SignedCam(new IntegrityReport(IntegrityLevel.NoAnomaly, DetectorFlags.None, counter, 0x0102030405060708UL, Time64.FromUtc(Now)) { Coverage = IntegrityReport.EveryClass }, carrier);

        var altered = ReplayAttacker.AlterCounter(frame, delta);

        Assert.NotNull(altered);
        Assert.Equal(frame.Length, altered.Length);
        var report = ReportOf(altered);
        Assert.Equal(unchecked(counter + delta), report.MessageCounter);
        Assert.Equal(0x0102030405060708UL, report.Nonce);

        // Docs/formats.md §3.4: the counter is four octets, big-endian; in the facilities carrier (§3.8) the same 32
        // bits at an arbitrary bit position (up to five octets); nothing else moves.
        var span = carrier == ReportCarrier.HeaderInfo ? 4 : 5;
        var changed = Enumerable.Range(0, frame.Length).Where(i => frame[i] != altered[i]).ToList();
        Assert.InRange(changed.Count, 1, span);
        Assert.True(changed.Max() - changed.Min() < span, row);
    }

    public static TheoryData<string, byte[]> NotAlterable => new()
    {
        { "signed frame without a report (a legacy station's)", SignedCam(null) },
        { "empty", [] },
        { "Ethernet and Basic Header only", new byte[18] },
        { "garbage after the headers", [.. new byte[18], 0x03, 0x81, 0xFF, 0xFF, 0xFF] },
    };

    [Theory]
    [MemberData(nameof(NotAlterable))]
    public void AlterCounter_returns_null_for_a_frame_without_a_report(string row, byte[] frame)
    {
        Assert.Null(ReplayAttacker.AlterCounter(frame, 1));
        Assert.False(string.IsNullOrEmpty(row));
    }

    [Fact]
    public void AlterCounter_with_no_change_returns_null()
    {
        var frame = SignedCam(new IntegrityReport(IntegrityLevel.NoAnomaly, DetectorFlags.None, 5, 1, Time64.FromUtc(Now)) { Coverage = IntegrityReport.EveryClass });
        Assert.Null(ReplayAttacker.AlterCounter(frame, 0));
    }

    private static byte[] SignedCam(IntegrityReport? report, ReportCarrier carrier = ReportCarrier.HeaderInfo)
    {
        var identity = new StationIdentity(4242, MacAddress.Parse("02:00:00:00:00:01"));
        var fix = new PositionFix(true, 48.13743, 11.57549, 519, 13.9, 0, Now, 3);
        var cam = CamComposer.Cam(identity, CamComposer.Vehicle.PassengerCar, fix, Now, lowFrequency: false);
        var request = new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
            CamComposer.PositionVector(identity, V2x.GeoNetworking.GnStationType.PassengerCar, fix), Now);
        using var key = EcdsaP256SignatureKey.Generate();
        return report is null
            ? FrameBuilder.BuildSigned(request, new SpduSigner(key, null), SignerChoice.Self, report)
            : FrameBuilder.BuildSigned(request, new SpduSigner(key, null), SignerChoice.Self, report, carrier);
    }

    private static IntegrityReport ReportOf(byte[] frame)
    {
        var data = Ieee1609Dot2Data.Decode(new OerReader(frame.AsMemory(18), "SecuredPacket"));
        var tbs = data.SignedData!.TbsData;
        return IntegrityReportExtension.Read(tbs.HeaderInfo) ?? IntegrityReportContainer.Read(tbs.Payload.Data!.Opaque.Span)
            ?? throw new InvalidOperationException("no report");
    }
}
