using Firmware.Application.Composition;
using Firmware.Application.Node;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using Hardware.Positioning;
using Pki.Store;
using PkiProtocol.Audit;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Time;

namespace Firmware.Tests.Application.Misbehaviour;

/// <summary>
/// The misbehaviour loop end to end with the real PKI service (Docs/misbehaviour.md): receivers' findings reported signed
/// and encrypted to the misbehaviour authority, counted, the station revoked through the CRLs, after which every receiver
/// rejects it as Revoked; and the vehicle that finds its own certificates on a CRL (patent ¶167).
/// </summary>
public sealed class MisbehaviourLoopTests
{
    [Fact]
    public async Task A_ghost_reported_by_three_receivers_is_revoked_and_then_rejected_by_every_receiver()
    {
        await using var harness = await PkiHarness.StartAsync();
        var receivers = new List<ObuNode>();
        for (var i = 0; i < 3; i++)
        {
            receivers.Add(await harness.NodeAsync($"obu-{i}", north: i * 0.001));
        }

        var (ticket, key) = await harness.OutsiderAsync("ghost");
        var radio = harness.Medium.Attach("ghost");

        // A CAM at 120 m/s, validly signed: accepted by every receiver, and every LMBD finds SpeedValueTooLarge.
        var first = await SendAsync(radio, receivers, Ghost(ticket, key, harness.Clock.GetUtcNow(), 1));
        Assert.All(first, r => Assert.True(r.IsAccepted, r.Detail));
        foreach (var node in receivers)
        {
            await node.Reporter!.Idle;
            await node.Reporter.DeliverAsync();
        }

        var station = harness.Pki.Context.Store.GetStation("ghost")!;
        Assert.NotNull(station.BlockedAt);
        Assert.Equal(3, harness.Pki.Context.Store.GetObservations().Count);
        Assert.Equal((RevocationScope.Station, "ghost", RevocationRequestState.Done),
            harness.Pki.Ma.Detection.Requests.Select(r => (r.Scope, r.Target, r.State)).Single());

        // At the next CRL refresh every receiver learns it; the ghost's next message is rejected as Revoked everywhere.
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(receivers.Select(r => r.Crls!.LastRefresh));
        var after = await SendAsync(radio, receivers, Ghost(ticket, key, harness.Clock.GetUtcNow(), 2));
        Assert.All(after, r => Assert.Equal((ReceiveStage.Revocation, ReceiveReason.Revoked), (r.Stage, r.Reason)));
    }

    public static TheoryData<string, string, byte?, bool> OwnRows => new()
    {
        { "one ticket revoked: a new ticket with the same IDF assurance", "ticket", (byte?)5, false },
        { "the station revoked: the PKI gives no ticket", "station", null, true },
        { "the model compromised, patched, assessment lowered to 2: a ticket with IDF assurance 2", "model", (byte?)2, false },
    };

    [Theory]
    [MemberData(nameof(OwnRows))]
    public async Task A_station_finding_its_own_ticket_on_a_crl_retires_it_and_asks_again(string name, string what, byte? assurance, bool refused)
    {
        await using var harness = await PkiHarness.StartAsync();
        var node = await harness.NodeAsync("obu-1", tickets: 2);
        var tickets = await Tickets(harness, node);
        Assert.Null(await node.OwnRevocations!.Last);

        switch (what)
        {
            case "ticket":
                harness.Pki.Revocations.RevokeCertificate(tickets[0].HashedId8, "key found in a dump");
                break;
            case "station":
                harness.Pki.Revocations.RevokeStation("obu-1", "global detection");
                break;
            default:
                harness.Pki.Revocations.RevokeImplementation("Acme", "Guard", VersionRange.Parse("2.0"), 2, "investigation");
                harness.Pki.Ea.UpdateIdfVersion("obu-1", "2.1");
                break;
        }

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await node.Crls!.LastRefresh;
        var seen = (await node.OwnRevocations.Last.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System))!;

        Assert.Contains(tickets[0].HashedId8.ToString(), seen.RetiredTickets);
        Assert.True(refused == seen.Refusal is not null, $"{name}: {seen.Refusal}");
        Assert.Equal(assurance, seen.NewAssurance);
        var now = await Tickets(harness, node);
        Assert.DoesNotContain(now, t => t.HashedId8 == tickets[0].HashedId8);
        if (refused)
        {
            // Nothing left to sign with: the station is silent on the air.
            Assert.Empty(now);
        }
        else
        {
            Assert.Contains(now, t => t.HashedId8.ToString() == seen.NewTicket);
        }
    }

    private static async Task<List<Certificate>> Tickets(PkiHarness harness, ObuNode node) =>
        [.. (await harness.PartitionOf(node).ListTicketsAsync()).Select(t => Certificate.Decode(t.Certificate))];

    // A CAM of the ghost at 120 m/s on the Munich block, with a clean report (a cloned key or a lying partition).
    private static byte[] Ghost(Certificate ticket, EcdsaP256SignatureKey key, DateTimeOffset now, uint counter)
    {
        var identity = new StationIdentity(0x0BAD_F00D, V2x.Link.MacAddress.Parse("02:00:00:00:0b:ad"));
        var fix = new PositionFix(true, 48.1375, 11.5755, 519, 120, 0, now, 1.5);
        var cam = CamComposer.Cam(identity, CamComposer.Vehicle.PassengerCar, fix, now, lowFrequency: false);
        var request = new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(), CamComposer.PositionVector(identity, GnStationType.PassengerCar, fix), now);
        var report = new IntegrityReport(IntegrityLevel.NoAnomaly, DetectorFlags.None, counter, 0x0102030405060708UL, Time64.FromUtc(now));
        return FrameBuilder.BuildSigned(request, new SpduSigner(key, ticket), SignerChoice.Certificate, report);
    }

    // Sends a frame on the radio; returns each receiver's decision on it.
    private static async Task<ReceiveResult[]> SendAsync(Hardware.Radio.IRadioLink radio, List<ObuNode> receivers, byte[] frame)
    {
        var decided = receivers.Select(_ => new TaskCompletionSource<ReceiveResult>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var handlers = receivers.Select((r, i) => (Action<ReceiveResult>)(d =>
        {
            if (d.Outcome != ReceiveOutcome.Deferred && d.StationId == 0x0BAD_F00D)
            {
                decided[i].TrySetResult(d);
            }
        })).ToArray();
        for (var i = 0; i < receivers.Count; i++)
        {
            receivers[i].Receiver.Decided += handlers[i];
        }

        try
        {
            await radio.SendAsync(frame);
            return await Task.WhenAll(decided.Select(d => d.Task.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System)));
        }
        finally
        {
            for (var i = 0; i < receivers.Count; i++)
            {
                receivers[i].Receiver.Decided -= handlers[i];
            }
        }
    }
}
