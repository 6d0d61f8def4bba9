using Firmware.Application.Composition;
using Firmware.Application.Decisions;
using Firmware.Application.Eebl;
using Firmware.Application.Node;
using Firmware.Application.Receiving;
using Firmware.Application.Sending;
using Firmware.SecurePartition.Policy;
using Firmware.Tests.Application.Support;
using Hardware.Can;
using Hardware.Hmi;
using Hardware.Memory;
using Hardware.Positioning;
using Hardware.Radio;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;

namespace Firmware.Tests.Application.Node;

/// <summary>
/// Whole OBUs in one process as the bench hosts them: each an <see cref="ObuNode"/> over its own simulated
/// board and secure partition (in-memory channel), all on one simulated radio medium and one hand-stepped
/// clock. CAMs go out on the ETSI timer and are decided by the other nodes; a detection at a sender moves
/// its CAMs from act to the mitigation row at the receiver; an EEBL DENM reaches the receiver's brakes with
/// the response of its decision; a pseudonym change causes no false reject.
/// </summary>
public sealed class ObuNodeTests
{
    private static readonly TestAuthority Authority = new("node.test");

    [Fact]
    public async Task Cams_flow_between_nodes_and_a_detection_moves_the_decision()
    {
        await using var bench = await Bench.CreateAsync(SendingPolicy.AlwaysInclude);
        var (a, b) = (bench.Nodes[0], bench.Nodes[1]);

        var first = await bench.StepUntilAsync(b, r => r.IsAccepted && r.Signer == a.Ticket);
        Assert.Equal((DecisionRow.AssuredNoAnomaly, TrustDecision.Act), (first.Row, first.Decision));

        // The sender's partition detects a stack-guard hit: its next CAM says high anomaly; the receiver prepares only.
        a.Obu.Board.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app", 0x3FFB_0000);
        var after = await bench.StepUntilAsync(b, r => r.IsAccepted && r.Signer == a.Ticket && r.ReportLevel == IntegrityLevel.HighAnomaly);
        Assert.Equal((DecisionRow.AssuredHighAnomaly, TrustDecision.PrepareOnly), (after.Row, after.Decision));
        Assert.Equal(0, b.Node.Receiver.Recent.Count(ReceiveOutcome.Rejected));
    }

    [Fact]
    public async Task Under_option_1_a_detecting_node_goes_silent_and_signals_instead()
    {
        await using var bench = await Bench.CreateAsync(SendingPolicy.ReportOnlyWhenClean);
        var (a, b) = (bench.Nodes[0], bench.Nodes[1]);
        await bench.StepUntilAsync(b, r => r.IsAccepted && r.Signer == a.Ticket);
        var alerts = new List<UpstreamAlert>();
        a.Node.Signals.UpstreamAlerted += alerts.Add;

        a.Obu.Board.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app", 0x3FFB_0000);
        var transmitted = a.Node.Sender.TransmittedCount;
        for (var i = 0; i < 15; i++)
        {
            bench.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await a.Node.Cam.Idle;
        }

        Assert.Equal(transmitted, a.Node.Sender.TransmittedCount);
        Assert.True(a.Node.Sender.WithheldCount >= 1);
        var alert = Assert.Single(alerts);
        Assert.Equal((IntegrityLevel.HighAnomaly, a.Node.Identity.StationId), (alert.Level, alert.Station));
        CanFrame hmi;
        do
        {
            hmi = await a.Can.ReceiveAsync();
        }
        while (hmi.Id != HmiCanFrames.Id);

        Assert.True(HmiCanFrames.Decode(hmi).Detection);
    }

    [Fact]
    public async Task An_eebl_reaches_the_brakes_with_the_response_of_its_decision()
    {
        await using var bench = await Bench.CreateAsync(SendingPolicy.AlwaysInclude, sendCams: false);
        var (a, b) = (bench.Nodes[0], bench.Nodes[1]);
        var brakes = new List<BrakeRequest>();
        b.Node.Eebl.BrakeRequested += r =>
        {
            lock (brakes)
            {
                brakes.Add(r);
            }
        };

        var (_, sent) = await a.Node.Denm.TriggerAsync(DenmEvent.EmergencyElectronicBrakeLight);
        Assert.Equal(SendStatus.Transmitted, sent.Status);
        var decided = await bench.StepUntilAsync(b, r => r.IsAccepted && r.Frame?.Denm is not null, stepMs: 0);
        await b.Node.ApplicationIdle;

        Assert.Equal(TrustDecision.Act, decided.Decision);
        var request = Assert.Single(brakes);
        Assert.Equal(BrakeResponse.Full, request.Response);
        var can = await b.Can.ReceiveAsync();
        Assert.Equal(BrakeRequestCanFrames.Id, can.Id);
    }

    [Fact]
    public async Task A_pseudonym_change_is_no_false_reject()
    {
        await using var bench = await Bench.CreateAsync(SendingPolicy.AlwaysInclude);
        var (a, b) = (bench.Nodes[0], bench.Nodes[1]);
        await bench.StepUntilAsync(b, r => r.IsAccepted && r.Signer == a.Ticket);
        var oldStation = a.Node.Identity.StationId;

        await a.Node.ChangePseudonymAsync();
        var next = await bench.StepUntilAsync(b, r => r.IsAccepted && r.Signer == a.SecondTicket);

        Assert.NotEqual(oldStation, a.Node.Identity.StationId);
        Assert.Equal(a.Node.Identity.StationId, next.StationId);
        Assert.True(next.FirstFromSigner);
        Assert.Equal(0, b.Node.Receiver.Recent.Count(ReceiveOutcome.Rejected));
    }

    [Fact]
    public async Task A_node_drops_its_own_frame_replayed_back_and_the_neighbour_rejects_it()
    {
        await using var bench = await Bench.CreateAsync(SendingPolicy.AlwaysInclude);
        var (a, b) = (bench.Nodes[0], bench.Nodes[1]);
        var attacker = bench.Medium.Attach("attacker");
        await bench.StepUntilAsync(b, r => r.IsAccepted && r.Signer == a.Ticket);
        RadioFrame captured;
        do
        {
            captured = await attacker.ReceiveAsync();
        }
        while (captured.Sender != "obu0");

        await attacker.SendAsync(captured.Bytes);
        var replay = await bench.StepUntilAsync(b, r => r.Reason == ReceiveReason.Duplicate);
        await bench.StepUntilAsync(a, r => r.IsAccepted && r.Signer == b.Ticket);

        // EN 302 636-4-1 §10.2.1.5: obu0 heard its own address and did not process the frame; obu1 (which heard
        // the original) rejected the replay.
        Assert.Equal(ReceiveOutcome.Rejected, replay.Outcome);
        Assert.Equal(1, a.Node.OwnFramesDropped);
        Assert.Equal(0, b.Node.OwnFramesDropped);
        Assert.DoesNotContain(a.Node.Receiver.Recent.Snapshot(), r => r.Signer == a.Ticket);
    }

    // Issue 10, hole 1: the Ethernet source is not signed. A node's own CAM re-sent under another MAC is its own
    // message by its signed identity (ticket, GN address): rejected at decode, never decided act.
    [Fact]
    public async Task Its_own_cam_reflected_under_another_mac_is_rejected_as_its_own()
    {
        await using var bench = await Bench.CreateAsync(SendingPolicy.AlwaysInclude);
        var (a, b) = (bench.Nodes[0], bench.Nodes[1]);
        var attacker = bench.Medium.Attach("attacker");
        await bench.StepUntilAsync(b, r => r.IsAccepted && r.Signer == a.Ticket);
        var captured = await CaptureCertificateCamAsync(bench, attacker, a);

        var decided = await ReflectAsync(attacker, a, captured);

        Assert.True((ReceiveStage.Decode, ReceiveReason.OwnMessage) == (decided.Stage, decided.Reason), $"{decided.Outcome} {decided.Stage} {decided.Reason} {decided.Detail}");
        Assert.DoesNotContain(a.Node.Receiver.Recent.Snapshot(), r => r.IsAccepted && r.Signer == a.Ticket);
        Assert.Equal(0, a.Node.OwnFramesDropped);
    }

    [Fact]
    public async Task Its_own_eebl_reflected_under_another_mac_brakes_nothing()
    {
        await using var bench = await Bench.CreateAsync(SendingPolicy.AlwaysInclude, sendCams: false);
        var a = bench.Nodes[0];
        var attacker = bench.Medium.Attach("attacker");
        var brakes = new List<BrakeRequest>();
        a.Node.Eebl.BrakeRequested += r =>
        {
            lock (brakes)
            {
                brakes.Add(r);
            }
        };

        var (_, sent) = await a.Node.Denm.TriggerAsync(DenmEvent.EmergencyElectronicBrakeLight);
        Assert.Equal(SendStatus.Transmitted, sent.Status);
        var captured = await attacker.ReceiveAsync();
        Assert.Equal("obu0", captured.Sender);

        var decided = await ReflectAsync(attacker, a, captured.Bytes);
        await a.Node.ApplicationIdle;

        Assert.True((ReceiveStage.Decode, ReceiveReason.OwnMessage) == (decided.Stage, decided.Reason), $"{decided.Outcome} {decided.Stage} {decided.Reason} {decided.Detail}");
        Assert.Empty(brakes);
    }

    [Fact]
    public async Task After_a_pseudonym_change_the_previous_tickets_frames_reflected_are_still_its_own()
    {
        await using var bench = await Bench.CreateAsync(SendingPolicy.AlwaysInclude);
        var (a, b) = (bench.Nodes[0], bench.Nodes[1]);
        var attacker = bench.Medium.Attach("attacker");
        await bench.StepUntilAsync(b, r => r.IsAccepted && r.Signer == a.Ticket);
        var captured = await CaptureCertificateCamAsync(bench, attacker, a);

        await a.Node.ChangePseudonymAsync();
        var decided = await ReflectAsync(attacker, a, captured);

        Assert.True((ReceiveStage.Decode, ReceiveReason.OwnMessage) == (decided.Stage, decided.Reason), $"{decided.Outcome} {decided.Stage} {decided.Reason} {decided.Detail}");
        Assert.DoesNotContain(a.Node.Receiver.Recent.Snapshot(), r => r.IsAccepted && (r.Signer == a.Ticket || r.Signer == a.SecondTicket));
    }

    // The next CAM of `member` that carries its certificate (a reflection then needs no certificate fetch), as heard by `listener`.
    private static async Task<byte[]> CaptureCertificateCamAsync(Bench bench, IRadioLink listener, Member member)
    {
        member.Node.Cam.Certificates.Request();
        var before = member.Node.Sender.TransmittedCount;
        for (var i = 0; i < 30 && member.Node.Sender.TransmittedCount == before; i++)
        {
            bench.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await member.Node.Cam.Idle;
        }

        while (true)
        {
            var frame = await listener.ReceiveAsync();
            if (frame.Sender == member.Node.Name && IsCertificateSigned(frame.Bytes))
            {
                return frame.Bytes.ToArray();
            }
        }
    }

    private static bool IsCertificateSigned(ReadOnlyMemory<byte> frame)
    {
        var gn = V2x.GeoNetworking.GeoNetworkingCodec.Decode(V2x.Link.EthernetCodec.Decode(frame).Payload);
        return V2x.Security.Ieee1609Dot2Data.Decode(gn.SecuredPacket).SignedData?.Signer.Kind == V2x.Security.SignerKind.Certificate;
    }

    // Re-sends `frame` with another Ethernet source MAC (the header is not signed) and returns how `member` decided it.
    private static async Task<ReceiveResult> ReflectAsync(IRadioLink attacker, Member member, ReadOnlyMemory<byte> frame)
    {
        var bytes = frame.ToArray();
        V2x.Link.MacAddress.Parse("02:66:66:66:66:66").WriteTo(bytes.AsSpan(6, V2x.Link.MacAddress.Length));
        var decided = new TaskCompletionSource<ReceiveResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDecided(ReceiveResult r)
        {
            if (r.Outcome != ReceiveOutcome.Deferred && r.Source == "attacker")
            {
                decided.TrySetResult(r);
            }
        }

        member.Node.Receiver.Decided += OnDecided;
        try
        {
            await attacker.SendAsync(bytes);
            return await decided.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            member.Node.Receiver.Decided -= OnDecided;
        }
    }

    private sealed record Member(SimulatedObu Obu, ObuNode Node, V2x.Security.HashedId8 Ticket, V2x.Security.HashedId8 SecondTicket, ICanBus Can);

    private sealed class Bench : IAsyncDisposable
    {
        private Bench(FakeTimeProvider clock) => Clock = clock;

        public FakeTimeProvider Clock { get; }

        public SimulatedRadioMedium Medium { get; private set; } = null!;

        public List<Member> Nodes { get; } = [];

        public static async Task<Bench> CreateAsync(SendingPolicy policy, bool sendCams = true)
        {
            var bench = new Bench(new FakeTimeProvider(TestAuthority.Now));
            var medium = new SimulatedRadioMedium(bench.Clock);
            bench.Medium = medium;
            var directory = new TestDirectory(Authority, bench.Clock);
            for (var i = 0; i < 2; i++)
            {
                var bus = new SimulatedCanBus();
                var route = new SimulatedRoute(bench.Clock, [new Waypoint(48.137 + (i * 0.001), 11.575, 14), new Waypoint(48.140 + (i * 0.001), 11.580, 14)], 519);
                var obu = SimulatedObu.Create(bench.Clock, position: route, sendingOption: policy);
                var ticket = await obu.ProvisionAsync(Authority);
                var second = await obu.ProvisionAsync(Authority);
                var node = new ObuNode(new ObuNodeOptions
                {
                    Name = $"obu{i}",
                    Partition = obu.Client,
                    Radio = medium.Attach($"obu{i}"),
                    Position = route,
                    Clock = bench.Clock,
                    Root = Authority.Root,
                    CaCertificates = [Authority.Aa],
                    Directory = directory,
                    Can = bus.Connect("obu"),
                    Alerts = new SimulatedAlertOutput(bench.Clock),
                    SendCams = sendCams,
                    PseudonymPeriod = null,
                });
                await node.StartAsync();
                bench.Nodes.Add(new Member(obu, node, ticket.HashedId8, second.HashedId8, bus.Connect("vehicle")));
            }

            return bench;
        }

        /// <summary>
        /// Steps the clock (100 ms at a time, at most 30 steps) until <paramref name="member"/> decides a frame that
        /// matches. After each step it waits (no sleeping: on the decisions themselves) until the member has decided
        /// every frame the other nodes transmitted so far.
        /// </summary>
        public async Task<ReceiveResult> StepUntilAsync(Member member, Func<ReceiveResult, bool> match, int stepMs = 100)
        {
            ReceiveResult? found = null;
            var processed = 0;
            // Not disposed: a worker that took the handler before it was removed may still be publishing a decision, and
            // a release on a disposed semaphore would throw on that worker (a flake, 2026-12-06).
            var progress = new SemaphoreSlim(0);
            void OnDecided(ReceiveResult r)
            {
                if (r.Outcome == ReceiveOutcome.Deferred)
                {
                    return;
                }

                if (match(r))
                {
                    Interlocked.CompareExchange(ref found, r, null);
                }

                Interlocked.Increment(ref processed);
                progress.Release();
            }

            member.Node.Receiver.Decided += OnDecided;
            var already = member.Node.Receiver.Recent.Total - member.Node.Receiver.Recent.Count(ReceiveOutcome.Deferred);
            try
            {
                // A frame sent before the first step (a DENM) may be decided already.
                if (member.Node.Receiver.Recent.Snapshot().FirstOrDefault(match) is { } earlier)
                {
                    return earlier;
                }

                for (var i = 0; i < 30; i++)
                {
                    Clock.Advance(TimeSpan.FromMilliseconds(stepMs));
                    foreach (var n in Nodes)
                    {
                        await n.Node.Cam.Idle;
                        await n.Node.Denm.Idle;
                    }

                    var sent = Nodes.Where(n => n != member).Sum(n => n.Node.Sender.TransmittedCount);
                    while (already + Volatile.Read(ref processed) < sent)
                    {
                        Assert.True(await progress.WaitAsync(TimeSpan.FromSeconds(10)), $"{member.Node.Name} decided {processed} of {sent - already} frames");
                    }

                    if (Volatile.Read(ref found) is { } result)
                    {
                        return result;
                    }
                }

                throw new Xunit.Sdk.XunitException($"{member.Node.Name} decided no matching frame in 30 steps");
            }
            finally
            {
                member.Node.Receiver.Decided -= OnDecided;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var n in Nodes)
            {
                await n.Node.DisposeAsync();
                await n.Obu.DisposeAsync();
            }
        }
    }
}
