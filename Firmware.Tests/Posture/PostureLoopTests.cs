using Firmware.Application.Composition;
using Firmware.Application.Decisions;
using Firmware.Application.Node;
using Firmware.Application.Receiving;
using Firmware.Application.Sending;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Posture;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Application.Support;
using Firmware.Tests.Support;
using Hardware.Positioning;
using Microsoft.AspNetCore.Builder;
using PkiProtocol.Client;
using PkiProtocol.Posture;
using PostureServer.Assessment;
using PostureServer.Catalogue;
using PostureServer.Cvss;
using PostureServer.Service;
using PostureServer.Store;
using V2x.Facilities;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Security.Signing;
using V2x.Stack;

namespace Firmware.Tests.Posture;

/// <summary>
/// The posture loop end to end (Docs/posture.md; patent fig. 9, ¶204-216): the posture server (its catalogue, a certificate
/// from the PKI's root, the OEM's document key) answers the OBU's poll; the partition holds the response, the detailed report
/// carries the posture, the compact grade goes on the air in every report, and a receiver's posture rule lowers its decision;
/// a replayed response is refused.
/// </summary>
public sealed class PostureLoopTests
{
    [Fact]
    public async Task Server_to_partition_to_report_to_grade_to_receiver_decision_and_a_replay_refused()
    {
        await using var harness = await PkiHarness.StartAsync();
        await using var rig = await PostureRig.StartAsync(harness);
        var client = rig.Client;

        // Server -> partition: the node polls at start.
        var sender = await harness.NodeAsync("sender", posture: client);
        var receiver = await harness.NodeAsync("receiver", north: 0.001);
        await sender.Posture!.LastPoll;
        Assert.Equal((1L, 0L), (sender.Posture.Polls, sender.Posture.Failures));
        var partition = harness.PartitionOf(sender);
        var status = await partition.GetPostureAsync();
        Assert.Equal((9.8, 1, 2, false, true, true), (status.AggregateCvss, status.HighOrCritical, status.KnownVulnerabilities, status.AppUpToDate, status.IdfUpToDate, status.PatchesAvailable));

        // -> detailed report: the update trigger scans and polls again; the report recorded carries the posture.
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await sender.Posture.TriggerAsync(TriggerKind.NewOrUpdatedApplication, "app 1.0.0 reinstalled");
        Assert.Equal(2L, sender.Posture.Polls);
        var reports = await partition.ReadReportsAsync(0, 64);
        var detailed = reports[^1].Report.Posture!;
        Assert.Equal((9.8, 1), (detailed.AggregateCvss, detailed.HighOrCritical));
        Assert.Contains(detailed.Weaknesses, w => w.Weakness.Id == "OEM-2026-0001" && w.Weakness.BaseTenths == 98 && w.Weakness.PatchAvailable);

        // -> compact grade on the air -> receiver decision: critical, application behind: not acted on fully (row P1).
        var decided = new TaskCompletionSource<ReceiveResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Receiver.Decided += r =>
        {
            if (r.Outcome != ReceiveOutcome.Deferred && r.Frame?.Cam is not null)
            {
                decided.TrySetResult(r);
            }
        };
        var sent = await sender.Sender.SendAsync(Cam(harness.Clock.GetUtcNow()), SignerChoice.Certificate);
        Assert.Equal(SendStatus.Transmitted, sent.Status);
        var result = await decided.Task.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.True(result.IsAccepted, result.Detail);
        Assert.Equal(new PostureGrade(PostureSeverity.Critical, appUpToDate: false, idfUpToDate: true, PollAge.WithinHour), result.Frame!.IntegrityReport!.Posture);
        Assert.Equal((TrustDecision.ActWithCaution, PostureRow.CriticalWeakness), (result.Decision, result.Posture));

        // A replayed posture response is refused: the partition accepts a response once, for its outstanding request only.
        var request = await partition.CreatePostureRequestAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var response = await client.ExchangeAsync(request, EnrolmentOf(harness, sender));
        await partition.InstallPostureResponseAsync(response);
        var replay = await Assert.ThrowsAsync<PartitionException>(() => partition.InstallPostureResponseAsync(response));
        Assert.Equal(PartitionError.PostureRejected, replay.Error);
    }

    public static TheoryData<string, string, int, string> Refusals => new()
    {
        { "not a 1609.2 message", "garbage", 400, "Malformed" },
        { "a 1609.2 message that is not encrypted (unsecured data)", "unencrypted", 400, "WrongContent" },
        { "encrypted for another certificate (the MA's)", "other recipient", 400, "Undecryptable" },
        { "signed by a ticket, not an enrolment credential", "ticket", 403, "ChainInvalid" },
        { "the wrong media type", "media type", 415, "WrongMediaType" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_request_the_server_must_not_answer_gets_one_typed_refusal(string name, string what, int status, string failure)
    {
        await using var harness = await PkiHarness.StartAsync();
        await using var rig = await PostureRig.StartAsync(harness);
        var (ticket, key) = await harness.OutsiderAsync("outsider");
        var request = new byte[] { 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 0 };
        var now = V2x.Time.Time64.Now(harness.Clock);
        var body = what switch
        {
            "garbage" => [0xFF, 0xFF, 0xFF],
            "unencrypted" => [0x03, 0x80, 0x01, 0x02],
            "other recipient" => PostureExchange.Request(request, new SpduSigner(key, ticket), harness.Pki.MaCertificate, now, out _),
            _ => PostureExchange.Request(request, new SpduSigner(key, ticket), rig.Keys.Certificate!, now, out _),
        };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(what == "media type" ? "text/plain" : PkiProtocol.Messages.MediaTypes.ItsRequest);
        using var response = await rig.Http.PostAsync(new Uri(PostureRoutes.Assessments.TrimStart('/'), UriKind.Relative), content);
        Assert.True((int)response.StatusCode == status, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(failure, response.Headers.GetValues(PkiProtocol.Protocol.PkiRoutes.FailureHeader).Single());

        // The server keeps serving.
        Assert.Equal("ok", await rig.Http.GetStringAsync(new Uri(PostureRoutes.Health.TrimStart('/'), UriKind.Relative)));
    }

    // The posture server on loopback beside the harness's PKI: its certificate from the PKI's root, the test OEM key, a catalogue
    // where the application 1.0.0 has a critical weakness fixed in 1.1.0.
    private sealed class PostureRig : IAsyncDisposable
    {
        private readonly string _folder;
        private readonly PostureStore _store;
        private readonly WebApplication _service;

        private PostureRig(string folder, PostureStore store, ServerKeys keys, WebApplication service, HttpClient http, PostureClient client)
        {
            _folder = folder;
            _store = store;
            Keys = keys;
            _service = service;
            Http = http;
            Client = client;
        }

        public ServerKeys Keys { get; }

        public HttpClient Http { get; }

        public PostureClient Client { get; }

        public static async Task<PostureRig> StartAsync(PkiHarness harness)
        {
            var folder = Testing.TestInfra.NewTempDirectory("posture-loop");
            var store = PostureStore.Open(folder, create: true);
            var keys = ServerKeys.Load(store);
            keys.Install(store, harness.Pki.Root.IssueServiceCertificate("posture.bench", keys.Signing.PublicKey, keys.Encryption.PublicKey, TimeSpan.FromDays(30)).Encoded);
            store.PutComponent(new CatalogueComponent("app", ComponentIdentifier.Parse("cpe:2.3:a:bench_oem:v2x_app:*:*:*:*:*:*:*:*"), ComponentRole.Application, "1.1.0"));
            store.PutComponent(new CatalogueComponent("idf", ComponentIdentifier.Parse("cpe:2.3:a:bench_oem:idf:*:*:*:*:*:*:*:*"), ComponentRole.Idf, "1.0.0"));
            store.PutComponent(new CatalogueComponent("os", ComponentIdentifier.Parse("pkg:generic/bench_oem/os"), ComponentRole.Other, "1.0.0"));
            store.PutComponent(new CatalogueComponent("bootloader", ComponentIdentifier.Parse("pkg:generic/bench_oem/bootloader"), ComponentRole.Other, "1.0.0"));
            store.PutWeaknesses(
            [
                new Weakness("OEM-2026-0001", "app", CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), [AffectedRange.Parse("1.0.0..<1.1.0")], "1.1.0", "unauthenticated command", "test"),
                new Weakness("OEM-2026-0002", "os", CvssVector.Parse("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:N/A:N"), [AffectedRange.Parse("0.9..1.0.0")], null, "side channel", "test"),
            ]);
            var pki = new PkiClient(harness.Http, harness.Pki.RootCertificate, harness.Clock);
            var endpoint = new AssessmentEndpoint(new PostureAssessor(store), keys, TestBench.OemKey, new RequesterTrust(pki, harness.Clock), harness.Clock);
            var service = PostureHttpService.Build(endpoint, keys, 0);
            await service.StartAsync();
            var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = PostureHttpService.BoundAddress(service) };
            return new PostureRig(folder, store, keys, service, http, new PostureClient(http, pki, harness.Clock));
        }

        public async ValueTask DisposeAsync()
        {
            await _service.StopAsync();
            await _service.DisposeAsync();
            Http.Dispose();
            Keys.Dispose();
            _store.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    private static SpduSigner EnrolmentOf(PkiHarness harness, ObuNode node) => harness.ProvisioningOf(node).EnrolmentSigner!;

    private static FrameRequest Cam(DateTimeOffset now)
    {
        var identity = new StationIdentity(0x5E4D_0001, V2x.Link.MacAddress.Parse("02:00:00:00:5e:4d"));
        var fix = new PositionFix(true, 48.1375, 11.5755, 519, 12, 90, now, 1.5);
        var cam = CamComposer.Cam(identity, CamComposer.Vehicle.PassengerCar, fix, now, lowFrequency: false);
        return new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
            CamComposer.PositionVector(identity, GnStationType.PassengerCar, fix), now);
    }
}
