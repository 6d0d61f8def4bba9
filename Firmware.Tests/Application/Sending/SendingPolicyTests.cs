using Firmware.Application.Decisions;
using Firmware.Application.Sending;
using Firmware.SecurePartition.Policy;
using Firmware.Tests.Application.Support;
using Hardware.Can;
using Hardware.Hmi;
using Hardware.Memory;
using Hardware.Radio;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Sending;

/// <summary>
/// The sending policies of patent ¶115-119 through a real secure partition (over the partition protocol) and a
/// simulated radio: what is sent, with or without the report, on a clean board and after a detection (the
/// option is flashed into the OEM-signed policy; the partition decides the report and the sender follows); and the
/// signals option 1 raises instead of sending (application callback, the HMI CAN frame, the upstream alert,
/// visual and audible alerts). Every transmitted frame is verified by a receiver trusting the same PKI.
/// </summary>
public sealed class SendingPolicyTests
{
    private static readonly TestAuthority Authority = new("send.test");

    // name, policy, a detection before sending (a stack-guard hit: high anomaly), DENM (else CAM), status, report included, receiver's row
    public static TheoryData<string, SendingPolicy, bool, bool, SendStatus, bool, DecisionRow?> Rows => new()
    {
        { "option 1, clean CAM: sent with the report", SendingPolicy.ReportOnlyWhenClean, false, false, SendStatus.Transmitted, true, DecisionRow.AssuredNoAnomaly },
        { "option 1, clean DENM: sent with the report", SendingPolicy.ReportOnlyWhenClean, false, true, SendStatus.Transmitted, true, DecisionRow.AssuredNoAnomaly },
        { "option 1, detection, CAM: withheld", SendingPolicy.ReportOnlyWhenClean, true, false, SendStatus.Withheld, true, null },
        { "option 1, detection, DENM: withheld", SendingPolicy.ReportOnlyWhenClean, true, true, SendStatus.Withheld, true, null },
        { "option 2, clean CAM: with the report", SendingPolicy.AlwaysInclude, false, false, SendStatus.Transmitted, true, DecisionRow.AssuredNoAnomaly },
        { "option 2, detection, CAM: sent, the report says so", SendingPolicy.AlwaysInclude, true, false, SendStatus.Transmitted, true, DecisionRow.AssuredHighAnomaly },
        { "option 2, detection, DENM: sent, the report says so", SendingPolicy.AlwaysInclude, true, true, SendStatus.Transmitted, true, DecisionRow.AssuredHighAnomaly },
        { "option 3, clean CAM: no report", SendingPolicy.SafetyCriticalOnly, false, false, SendStatus.Transmitted, false, DecisionRow.AssuredReportNotCarried },
        { "option 3, detection, CAM: the report travels (a latch is above no anomaly)", SendingPolicy.SafetyCriticalOnly, true, false, SendStatus.Transmitted, true, DecisionRow.AssuredHighAnomaly },
        { "option 3, clean DENM: with the report", SendingPolicy.SafetyCriticalOnly, false, true, SendStatus.Transmitted, true, DecisionRow.AssuredNoAnomaly },
        { "option 3, detection, DENM: with the report", SendingPolicy.SafetyCriticalOnly, true, true, SendStatus.Transmitted, true, DecisionRow.AssuredHighAnomaly },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_policy_sends_as_the_patent_says(string name, SendingPolicy policy, bool detection, bool denm, SendStatus status, bool report, DecisionRow? row)
    {
        await using var rig = await Rig.CreateAsync(policy);
        if (detection)
        {
            rig.Obu.Board.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app", 0x3FFB_0000);
        }

        var result = await rig.SendAsync(denm);

        Assert.True(status == result.Status, $"{name}: {result.Status} {result.Detail}");
        Assert.True(report == result.ReportIncluded, $"{name}: report {result.ReportIncluded}");
        Assert.Equal(policy, rig.Sender.SendingOption);
        Assert.Equal(detection ? IntegrityLevel.HighAnomaly : IntegrityLevel.NoAnomaly, result.Level);
        if (row is { } expected)
        {
            var frame = await rig.Listener.ReceiveAsync();
            var received = rig.Receiver.Process(frame.Bytes);
            Assert.True(received.IsAccepted, $"{name}: {received.Reason} {received.Detail}");
            Assert.Equal(expected, received.Row);
            Assert.Equal(report, received.ReportLevel is not null);
            Assert.Equal(1, rig.Sender.TransmittedCount);
        }
        else
        {
            Assert.Null(result.Frame);
            Assert.Equal(0, rig.Sender.TransmittedCount);
            Assert.Equal(1, rig.Sender.WithheldCount);
        }
    }

    [Fact]
    public async Task Option_1_raises_every_signal_on_a_detection()
    {
        await using var rig = await Rig.CreateAsync(SendingPolicy.ReportOnlyWhenClean);
        var withheld = new List<WithheldMessage>();
        var upstream = new List<UpstreamAlert>();
        rig.Sender.Signals.MessageWithheld += withheld.Add;
        rig.Sender.Signals.UpstreamAlerted += upstream.Add;
        Assert.Equal(SendStatus.Transmitted, (await rig.SendAsync(denm: false)).Status);

        rig.Obu.Board.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app", 0x3FFB_0000);
        rig.Clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(SendStatus.Withheld, (await rig.SendAsync(denm: false)).Status);
        rig.Clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(SendStatus.Withheld, (await rig.SendAsync(denm: true)).Status);

        // The application callback: every withheld message.
        Assert.Equal([(Psid.Cam, 1), (Psid.Denm, 2)], withheld.Select(w => (w.Psid, w.WithheldSinceDetection)));
        Assert.All(withheld, w => Assert.Equal(IntegrityLevel.HighAnomaly, w.Level));

        // The upstream alert: once, when the detection began.
        var alert = Assert.Single(upstream);
        Assert.Equal((IntegrityLevel.HighAnomaly, rig.Station.StationId), (alert.Level, alert.Station));
        Assert.True(alert.Detectors.HasFlag(DetectorFlags.Memory));

        // The in-vehicle message to the HMI unit (CAN id 0x3E0, layout 1), once at the start.
        var can = HmiCanFrames.Decode(await rig.Hmi.ReceiveAsync());
        Assert.Equal((true, IntegrityLevel.HighAnomaly, 1, (byte)36), (can.Detection, can.Level, can.Withheld, can.PsidLow));

        // The visual and audible alert on the alert output.
        var active = Assert.Single(rig.Alerts.Active);
        Assert.Equal((IntegritySignals.AlertId, AlertSeverity.Critical, true, true), (active.Id, active.Severity, active.Visual, active.Audible));
        Assert.True(rig.Sender.Signals.Active);
    }

    [Fact]
    public async Task Option_1_signals_clear_when_the_partition_is_clean_again()
    {
        var alerts = new SimulatedAlertOutput(new FakeTimeProvider(TestAuthority.Now));
        var bus = new SimulatedCanBus();
        var hmi = bus.Connect("hmi");
        var signals = new IntegritySignals(bus.Connect("obu"), alerts);

        await signals.WithheldAsync(TestAuthority.Now, Psid.Cam, IntegrityLevel.Anomaly, DetectorFlags.Network, 7, CancellationToken.None);
        await signals.ClearAsync(Psid.Cam, CancellationToken.None);

        var started = HmiCanFrames.Decode(await hmi.ReceiveAsync());
        var cleared = HmiCanFrames.Decode(await hmi.ReceiveAsync());
        Assert.Equal((true, IntegrityLevel.Anomaly, DetectorFlags.Network), (started.Detection, started.Level, started.Detectors));
        Assert.Equal((false, IntegrityLevel.NoAnomaly, 1), (cleared.Detection, cleared.Level, cleared.Withheld));
        Assert.Empty(alerts.Active);
        Assert.Equal([true, false], alerts.Events.Select(e => e.Raised));
        Assert.False(signals.Active);
    }

    [Fact]
    public async Task Option_1_a_new_detector_at_a_lower_level_never_lowers_the_signalled_level()
    {
        var alerts = new SimulatedAlertOutput(new FakeTimeProvider(TestAuthority.Now));
        var bus = new SimulatedCanBus();
        var hmi = bus.Connect("hmi");
        var signals = new IntegritySignals(bus.Connect("obu"), alerts);
        var upstream = new List<UpstreamAlert>();
        signals.UpstreamAlerted += upstream.Add;

        await signals.WithheldAsync(TestAuthority.Now, Psid.Cam, IntegrityLevel.HighAnomaly, DetectorFlags.Process, 7, CancellationToken.None);
        await signals.WithheldAsync(TestAuthority.Now, Psid.Cam, IntegrityLevel.Anomaly, DetectorFlags.Process | DetectorFlags.Network, 7, CancellationToken.None);
        await signals.WithheldAsync(TestAuthority.Now, Psid.Cam, IntegrityLevel.HighAnomaly, DetectorFlags.Process | DetectorFlags.Network, 7, CancellationToken.None);

        var first = HmiCanFrames.Decode(await hmi.ReceiveAsync());
        var second = HmiCanFrames.Decode(await hmi.ReceiveAsync());
        Assert.Equal((IntegrityLevel.HighAnomaly, DetectorFlags.Process), (first.Level, first.Detectors));
        Assert.Equal((IntegrityLevel.HighAnomaly, DetectorFlags.Process | DetectorFlags.Network), (second.Level, second.Detectors));
        Assert.Equal([IntegrityLevel.HighAnomaly, IntegrityLevel.HighAnomaly], upstream.Select(a => a.Level));
        Assert.All(alerts.Events.Where(e => e.Raised), e => Assert.Equal(AlertSeverity.Critical, e.Alert.Severity));
    }

    [Theory]
    [InlineData("the HMI frame of the documented example", new byte[] { 0x01, 0x01, 0x02, 0x00, 0x20, 0x00, 0x01, 0x24 }, true, IntegrityLevel.HighAnomaly, 1)]
    [InlineData("a cleared frame", new byte[] { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x25 }, false, IntegrityLevel.NoAnomaly, 5)]
    public void The_hmi_frame_layout_round_trips(string name, byte[] data, bool detection, IntegrityLevel level, int withheld)
    {
        var decoded = HmiCanFrames.Decode(new CanFrame(HmiCanFrames.Id, false, data));
        Assert.True((detection, level, withheld) == (decoded.Detection, decoded.Level, decoded.Withheld), name);
        var encoded = HmiCanFrames.Encode(decoded.Detection, decoded.Level, decoded.Detectors, decoded.Withheld, decoded.PsidLow);
        Assert.Equal(data, encoded.Data.ToArray());
    }

    [Theory]
    [InlineData("another identifier", 0x3E1, new byte[] { 1, 1, 2, 0, 0, 0, 1, 0x24 })]
    [InlineData("another layout version", HmiCanFrames.Id, new byte[] { 2, 1, 2, 0, 0, 0, 1, 0x24 })]
    [InlineData("a level above compromised", HmiCanFrames.Id, new byte[] { 1, 1, 4, 0, 0, 0, 1, 0x24 })]
    [InlineData("short", HmiCanFrames.Id, new byte[] { 1, 1, 2 })]
    public void Other_can_frames_are_not_hmi_frames(string name, uint id, byte[] data)
    {
        var e = Record.Exception(() => HmiCanFrames.Decode(new CanFrame(id, false, data)));
        Assert.True(e is ArgumentException, $"{name}: {e?.GetType().Name ?? "accepted"}");
    }

    private sealed class Rig : IAsyncDisposable
    {
        private Rig(SimulatedObu obu)
        {
            Obu = obu;
            Medium = new SimulatedRadioMedium(obu.Clock);
            Radio = Medium.Attach("obu");
            Listener = Medium.Attach("listener");
            Bus = new SimulatedCanBus();
            Hmi = Bus.Connect("hmi");
            Alerts = new SimulatedAlertOutput(obu.Clock);
            Station = Firmware.Application.Composition.StationIdentity.Random(new Hardware.Random.SystemRandomSource());
            Sender = new MessageSender(new SenderOptions
            {
                Partition = obu.Client,
                Radio = Radio,
                Clock = obu.Clock,
                Signals = new IntegritySignals(Bus.Connect("obu"), Alerts),
                Station = () => Station.StationId,
            });
            Receiver = new TestReceiver(Authority, clock: obu.Clock);
        }

        public SimulatedObu Obu { get; }

        public FakeTimeProvider Clock => Obu.Clock;

        public SimulatedRadioMedium Medium { get; }

        public IRadioLink Radio { get; }

        public IRadioLink Listener { get; }

        public SimulatedCanBus Bus { get; }

        public ICanBus Hmi { get; }

        public SimulatedAlertOutput Alerts { get; }

        public Firmware.Application.Composition.StationIdentity Station { get; }

        public MessageSender Sender { get; }

        public TestReceiver Receiver { get; }

        public static async Task<Rig> CreateAsync(SendingPolicy policy)
        {
            var obu = SimulatedObu.Create(new FakeTimeProvider(TestAuthority.Now), sendingOption: policy);
            await obu.ProvisionAsync(Authority);
            return new Rig(obu);
        }

        public Task<SendResult> SendAsync(bool denm) => Sender.SendAsync(
            denm ? TestStation.DenmRequest(Station, Clock.GetUtcNow()) : TestStation.CamRequest(Station, Clock.GetUtcNow()),
            SignerChoice.Certificate);

        public async ValueTask DisposeAsync()
        {
            Receiver.Dispose();
            await Obu.DisposeAsync();
        }
    }
}
