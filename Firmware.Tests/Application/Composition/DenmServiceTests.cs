using Firmware.Application.Composition;
using Firmware.Application.Decisions;
using Firmware.Application.Sending;
using Firmware.Tests.Application.Support;
using Hardware.Positioning;
using Hardware.Radio;
using Microsoft.Extensions.Time.Testing;
using V2x.Facilities.Denm;

namespace Firmware.Tests.Application.Composition;

/// <summary>
/// The DEN basic service (ETSI EN 302 637-3 v1.3.1 §8): an event's DENM is repeated at its interval, each
/// repetition signed afresh by the secure partition (so receivers accept every one, none is a replay), until
/// the validity ends; a termination stops it and sends the cancellation.
/// </summary>
public sealed class DenmServiceTests
{
    private static readonly TestAuthority Authority = new("denm.test");

    [Theory]
    [InlineData("EEBL: 10 s at 500 ms, the first and 19 repetitions", 10, 500, 20)]
    [InlineData("a hazard: 3 s at 1 s, the first and 2 repetitions", 3, 1000, 3)]
    public async Task A_denm_is_repeated_until_its_validity_ends(string name, int validitySeconds, int intervalMs, int expected)
    {
        await using var rig = await Rig.CreateAsync();
        var denmEvent = DenmEvent.EmergencyElectronicBrakeLight with
        {
            Validity = TimeSpan.FromSeconds(validitySeconds),
            RepetitionInterval = TimeSpan.FromMilliseconds(intervalMs),
        };

        var (action, first) = await rig.Service.TriggerAsync(denmEvent);
        Assert.Equal(SendStatus.Transmitted, first.Status);
        for (var t = 0; t < (validitySeconds * 1000) + (3 * intervalMs); t += 100)
        {
            rig.Obu.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await rig.Service.Idle;
            await rig.DrainAsync();
        }

        Assert.True(expected == rig.Service.Sent, $"{name}: {rig.Service.Sent} sent");
        Assert.Empty(rig.Service.ActiveEvents);
        Assert.Equal(expected, rig.Accepted.Count);
        Assert.All(rig.Accepted, r => Assert.Equal((action, TrustDecision.Act), (r.Frame!.Denm!.Denm.Management.ActionId, r.Decision)));
    }

    [Fact]
    public async Task A_termination_stops_the_repetition_and_sends_the_cancellation()
    {
        await using var rig = await Rig.CreateAsync();
        var (action, _) = await rig.Service.TriggerAsync(DenmEvent.EmergencyElectronicBrakeLight);
        rig.Obu.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await rig.Service.Idle;

        var cancellation = await rig.Service.TerminateAsync(action);
        for (var i = 0; i < 10; i++)
        {
            rig.Obu.Clock.Advance(TimeSpan.FromMilliseconds(500));
            await rig.Service.Idle;
        }

        await rig.DrainAsync();
        Assert.Equal(SendStatus.Transmitted, cancellation?.Status);
        Assert.Equal(3, rig.Service.Sent);
        Assert.Equal(Termination.IsCancellation, rig.Accepted[^1].Frame!.Denm!.Denm.Management.Termination);
        Assert.Null(await rig.Service.TerminateAsync(action));
    }

    private sealed class Rig : IAsyncDisposable
    {
        private readonly IRadioLink _listener;

        private Rig(SimulatedObu obu)
        {
            Obu = obu;
            var medium = new SimulatedRadioMedium(obu.Clock);
            var radio = medium.Attach("obu");
            _listener = medium.Attach("listener");
            var identity = StationIdentity.Random(new Hardware.Random.SystemRandomSource());
            Service = new DenmService(new DenmServiceOptions
            {
                Sender = new MessageSender(new SenderOptions { Partition = obu.Client, Radio = radio, Clock = obu.Clock }),
                Position = new SimulatedRoute(obu.Clock, [new Waypoint(48.137, 11.575, 14), new Waypoint(48.140, 11.580, 14)], 519),
                Clock = obu.Clock,
                Identity = () => identity,
            });
            Receiver = new TestReceiver(Authority, clock: obu.Clock);
        }

        public SimulatedObu Obu { get; }

        public DenmService Service { get; }

        public TestReceiver Receiver { get; }

        public List<Firmware.Application.Receiving.ReceiveResult> Accepted { get; } = [];

        public static async Task<Rig> CreateAsync()
        {
            var obu = SimulatedObu.Create(new FakeTimeProvider(TestAuthority.Now));
            await obu.ProvisionAsync(Authority);
            return new Rig(obu);
        }

        /// <summary>Decides every frame sent so far.</summary>
        public async Task DrainAsync()
        {
            while (Accepted.Count + Rejected < Service.Sent)
            {
                var frame = await _listener.ReceiveAsync();
                var result = Receiver.Process(frame.Bytes);
                if (result.IsAccepted)
                {
                    Accepted.Add(result);
                }
                else
                {
                    Rejected++;
                }
            }
        }

        private int Rejected { get; set; }

        public async ValueTask DisposeAsync()
        {
            Service.Dispose();
            Receiver.Dispose();
            await Obu.DisposeAsync();
        }
    }
}
