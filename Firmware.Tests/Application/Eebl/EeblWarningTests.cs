using Firmware.Application.Decisions;
using Firmware.Application.Eebl;
using Firmware.Tests.Application.Support;
using Hardware.Can;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Eebl;

/// <summary>
/// The example application (patent ¶179-182): an EEBL DENM decided by the receive pipeline becomes a brake
/// request (full, soft, pre-charge only, none) on the event and on the CAN bus, once per warning and again
/// when the response changes; rejected frames and other DENMs never reach the brakes.
/// </summary>
public sealed class EeblWarningTests
{
    private static readonly TestAuthority Authority = new("eebl.test");

    // name, ticket's assurance (null: legacy), the report's level (null: none), brake response (null: no request)
    public static TheoryData<string, int?, IntegrityLevel?, BrakeResponse?> Rows => new()
    {
        { "row 1 act: full braking (¶179)", 5, IntegrityLevel.NoAnomaly, BrakeResponse.Full },
        { "row 2 act with caution: soft braking (¶180)", 5, IntegrityLevel.Anomaly, BrakeResponse.Soft },
        { "row 3 prepare only: pre-charge (¶182)", 5, IntegrityLevel.HighAnomaly, BrakeResponse.PreChargeOnly },
        { "row 4 discard: no brake action", 5, IntegrityLevel.Compromised, BrakeResponse.None },
        { "row 6 legacy sender: soft braking", null, null, BrakeResponse.Soft },
        { "row 8 assured sender, DENM without report: no brake action (no better than a compromised report)", 5, null, BrakeResponse.None },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task The_decision_maps_to_a_brake_response(string name, int? assurance, IntegrityLevel? level, BrakeResponse? response)
    {
        using var receiver = new TestReceiver(Authority);
        var (eebl, vehicle, requests) = Warning(receiver);
        var station = new TestStation(Authority, (byte?)assurance);
        var result = receiver.Process(station.Denm(receiver.Now, SignerChoice.Certificate, level is { } l ? TestStation.Report(l, 1, receiver.Now) : null));

        var request = await eebl.HandleAsync(result);

        Assert.True(request?.Response == response, $"{name}: {request?.Response.ToString() ?? "no request"} ({result.Reason})");
        var can = BrakeRequestCanFrames.Decode(await vehicle.ReceiveAsync());
        Assert.Equal((response, result.Decision, result.Row, station.Identity.StationId), (can.Response, can.Decision, can.Row, can.OriginatingStation));
        Assert.Single(requests);
    }

    [Fact]
    public async Task Rejected_frames_and_other_denms_never_reach_the_brakes()
    {
        using var receiver = new TestReceiver(Authority);
        var (eebl, _, requests) = Warning(receiver);
        var station = new TestStation(Authority);
        var stale = receiver.Process(station.Denm(receiver.Now.AddSeconds(-11), SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now.AddSeconds(-11))));
        var hazard = receiver.Process(station.Denm(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 2, receiver.Now),
            cause: new CauseCode(CauseCodeType.HazardousLocationObstacleOnTheRoad, 0)));

        Assert.False(stale.IsAccepted);
        Assert.True(hazard.IsAccepted, hazard.Detail);
        Assert.Null(await eebl.HandleAsync(stale));
        Assert.Null(await eebl.HandleAsync(hazard));
        Assert.Empty(requests);
    }

    [Fact]
    public async Task One_request_per_warning_again_when_the_response_changes_and_on_cancellation()
    {
        using var receiver = new TestReceiver(Authority);
        var (eebl, _, requests) = Warning(receiver);
        var station = new TestStation(Authority);
        var detection = receiver.Now;
        var responses = new List<BrakeResponse?>();
        var levels = new[] { IntegrityLevel.NoAnomaly, IntegrityLevel.NoAnomaly, IntegrityLevel.HighAnomaly };
        for (var i = 0; i < levels.Length; i++)
        {
            var r = receiver.Process(station.Denm(receiver.Now, SignerChoice.Certificate, TestStation.Report(levels[i], (uint)i + 1, receiver.Now), detection: detection));
            responses.Add((await eebl.HandleAsync(r))?.Response);
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        var cancel = receiver.Process(station.Denm(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 9, receiver.Now),
            detection: detection, termination: Termination.IsCancellation));
        var released = await eebl.HandleAsync(cancel);

        Assert.Equal([BrakeResponse.Full, null, BrakeResponse.PreChargeOnly], responses);
        Assert.Equal((BrakeResponse.None, true), (released?.Response, released?.Cancelled));
        Assert.Equal(3, requests.Count);
    }

    private static (EeblWarning Eebl, ICanBus Vehicle, List<BrakeRequest> Requests) Warning(TestReceiver receiver)
    {
        var bus = new SimulatedCanBus();
        var vehicle = bus.Connect("brakes");
        var eebl = new EeblWarning(bus.Connect("obu"), receiver.Clock);
        var requests = new List<BrakeRequest>();
        eebl.BrakeRequested += requests.Add;
        return (eebl, vehicle, requests);
    }
}
