using Firmware.Application.Decisions;
using Firmware.Application.Node;
using Firmware.Application.Provisioning;
using Firmware.Application.Receiving;
using Firmware.Application.Trust;
using Firmware.Tests.Application.Support;
using Hardware.Positioning;
using Hardware.Radio;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Pki.Authorities;
using Pki.Service;
using Pki.Store;
using PkiProtocol.Audit;
using PkiProtocol.Client;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Node;

/// <summary>
/// Two OBUs provisioned by the real bench PKI service over HTTP (loopback, port 0): each enrols with its
/// partition's canonical key, gets tickets for keys its partition generates (the requests signed inside the
/// partition), trusts the AA, fetches a ticket it has not met by HashedId8, and refreshes verified CRLs on its clock. A ticket revoked at the PKI is rejected
/// by the other OBU from the first CAM after the next CRL refresh.
/// </summary>
public sealed class PkiProvisionedNodesTests
{
    [Fact]
    public async Task Provisioned_nodes_trust_each_other_until_a_ticket_is_revoked_and_the_crl_refreshed()
    {
        var folder = Testing.TestInfra.NewTempDirectory("app-pki");
        var clock = new FakeTimeProvider(TestAuthority.Now);
        using var pki = BenchPki.Init(folder, new PkiOptions(), clock);
        var idf = new IdfImplementation("Acme", "Guard", "2.0");
        pki.Audit.Assess(idf.Vendor, idf.Product, VersionRange.Parse("1.0..2.9"), 5, TestAuthority.Now.AddDays(-1), TestAuthority.Now.AddYears(1), "lab report AR-17");
        var app = PkiService.Build(pki, 0, tlsCertificate: null);
        await app.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = PkiService.BoundAddress(app), Timeout = TimeSpan.FromSeconds(30) };
        var medium = new SimulatedRadioMedium(clock);
        var members = new List<(SimulatedObu Obu, ObuNode Node, PkiProvisioning Provisioning)>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var route = new SimulatedRoute(clock, [new Waypoint(48.137 + (i * 0.001), 11.575, 14), new Waypoint(48.140 + (i * 0.001), 11.580, 14)], 519);
                var obu = SimulatedObu.Create(clock, position: route);
                pki.Ea.RegisterStation(new StationRecord
                {
                    StationId = $"obu-{i}",
                    CanonicalKey = Firmware.SecurePartition.Boot.BootRom.DecodeKey(await obu.Client.GetCanonicalKeyAsync()),
                    Vendor = "Acme Motors",
                    Product = "OBU-7",
                    Idf = idf,
                    AssuranceLevel = 2,
                });
                var provisioning = new PkiProvisioning(http, pki.RootCertificate, obu.Client, clock);
                var node = new ObuNode(new ObuNodeOptions
                {
                    Name = $"obu-{i}",
                    Partition = obu.Client,
                    Radio = medium.Attach($"obu-{i}"),
                    Position = route,
                    Clock = clock,
                    Root = pki.RootCertificate,
                    Directory = new PkiDirectory(new PkiClient(http, pki.RootCertificate, clock)),
                    Provisioning = provisioning,
                    StationId = $"obu-{i}",
                    Tickets = 1,
                    PseudonymPeriod = null,
                    SendCams = false,
                    // The sender does not refresh within the test: at its refresh it would notice its own revocation and
                    // retire the ticket (patent ¶167, OwnRevocationWatch and its own rows), and the row below needs a frame
                    // signed under the revoked ticket. Only the receiver's refresh is under test here.
                    CrlRefreshPeriod = i == 0 ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(1),
                });
                members.Add((obu, node, provisioning));
                await node.StartAsync();
            }

            var (sender, receiver) = (members[0], members[1]);
            Assert.True(receiver.Node.Crls!.AllCurrent());

            // The first CAM names its ticket by digest only: the receiver waits and fetches the ticket from the PKI by HashedId8.
            sender.Node.Cam.Certificates.Transmitted(SignerChoice.Certificate, clock.GetUtcNow());
            var first = await SendCamAsync(sender.Node, receiver.Node, withCertificate: false);
            Assert.True(first.IsAccepted, $"{first.Stage} {first.Reason} {first.Detail}");
            Assert.Equal(1, receiver.Node.Receiver.Recent.Count(ReceiveOutcome.Deferred));
            Assert.Equal((DecisionRow.AssuredNoAnomaly, TrustDecision.Act, (byte?)5), (first.Row, first.Decision, first.Assurance));

            // Revoked at the PKI: the receiver learns it at its next refresh (one minute), not before.
            pki.Revocations.RevokeCertificate(first.Signer!.Value, "key compromise (test)");
            clock.Advance(TimeSpan.FromSeconds(30));
            Assert.True((await SendCamAsync(sender.Node, receiver.Node)).IsAccepted);
            clock.Advance(TimeSpan.FromSeconds(30));
            await receiver.Node.Crls.LastRefresh;

            var revoked = await SendCamAsync(sender.Node, receiver.Node);
            Assert.Equal((ReceiveStage.Revocation, ReceiveReason.Revoked), (revoked.Stage, revoked.Reason));
        }
        finally
        {
            foreach (var (obu, node, provisioning) in members)
            {
                await node.DisposeAsync();
                provisioning.Dispose();
                await obu.DisposeAsync();
            }

            await app.StopAsync();
            await app.DisposeAsync();
            pki.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    // One CAM from the sender, decided by the receiver (the receive loop runs on its own task: wait on its decision).
    private static async Task<ReceiveResult> SendCamAsync(ObuNode sender, ObuNode receiver, bool withCertificate = true)
    {
        var decided = new TaskCompletionSource<ReceiveResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDecided(ReceiveResult r)
        {
            if (r.Outcome != ReceiveOutcome.Deferred)
            {
                decided.TrySetResult(r);
            }
        }

        receiver.Receiver.Decided += OnDecided;
        try
        {
            if (withCertificate)
            {
                sender.Cam.Certificates.Request();
            }

            var trigger = await sender.Cam.CheckAsync();
            Assert.NotEqual(Firmware.Application.Composition.CamTrigger.None, trigger);
            return await decided.Task.WaitAsync(TimeSpan.FromSeconds(60), TimeProvider.System);
        }
        finally
        {
            receiver.Receiver.Decided -= OnDecided;
        }
    }
}
