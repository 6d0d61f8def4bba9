using Firmware.Application.Misbehaviour.Reporting;
using Firmware.Application.Node;
using Firmware.Application.Provisioning;
using Firmware.Application.Trust;
using Hardware.Positioning;
using Hardware.Radio;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Pki.Authorities;
using Pki.Service;
using Pki.Store;
using PkiProtocol.Audit;
using PkiProtocol.Client;
using V2x.Security.Crypto;

namespace Firmware.Tests.Application.Support;

/// <summary>
/// The real bench PKI served on loopback (port 0) with a hand-stepped clock, and provisioned OBU nodes around it on a
/// simulated radio: what the misbehaviour and revocation loops run against (issue 14).
/// </summary>
internal sealed class PkiHarness : IAsyncDisposable
{
    public static readonly IdfImplementation Idf = new("Acme", "Guard", "2.0");

    private readonly List<(SimulatedObu Obu, ObuNode Node, PkiProvisioning Provisioning, MisbehaviourQueue Queue)> _members = [];
    private readonly WebApplication _service;

    private PkiHarness(string folder, FakeTimeProvider clock, BenchPki pki, WebApplication service, HttpClient http)
    {
        Folder = folder;
        Clock = clock;
        Pki = pki;
        _service = service;
        Http = http;
        Medium = new SimulatedRadioMedium(clock);
    }

    public string Folder { get; }

    public FakeTimeProvider Clock { get; }

    public BenchPki Pki { get; }

    public HttpClient Http { get; }

    public SimulatedRadioMedium Medium { get; }

    public static async Task<PkiHarness> StartAsync(PkiOptions? options = null)
    {
        var folder = Testing.TestInfra.NewTempDirectory("app-mbr");
        var clock = new FakeTimeProvider(TestAuthority.Now);
        var pki = BenchPki.Init(folder, options ?? new PkiOptions(), clock);
        pki.Audit.Assess(Idf.Vendor, Idf.Product, VersionRange.Parse("1.0..2.9"), 5, TestAuthority.Now.AddDays(-1), TestAuthority.Now.AddYears(1), "lab report AR-17");
        var service = PkiService.Build(pki, 0, tlsCertificate: null);
        await service.StartAsync();
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = PkiService.BoundAddress(service), Timeout = TimeSpan.FromSeconds(30) };
        return new PkiHarness(folder, clock, pki, service, http);
    }

    /// <summary>A started OBU node registered at the EA, enrolled, with <paramref name="tickets"/> tickets and a report queue (and a posture server when given).</summary>
    public async Task<ObuNode> NodeAsync(string name, int tickets = 1, double north = 0, PkiProtocol.Posture.PostureClient? posture = null)
    {
        var route = new SimulatedRoute(Clock, [new Waypoint(48.137 + north, 11.575, 14), new Waypoint(48.140 + north, 11.580, 14)], 519);
        var obu = SimulatedObu.Create(Clock, position: route);
        Pki.Ea.RegisterStation(new StationRecord
        {
            StationId = name,
            CanonicalKey = Firmware.SecurePartition.Boot.BootRom.DecodeKey(await obu.Client.GetCanonicalKeyAsync()),
            Vendor = "Acme Motors",
            Product = "OBU-7",
            Idf = Idf,
            AssuranceLevel = 2,
        });
        var provisioning = new PkiProvisioning(Http, Pki.RootCertificate, obu.Client, Clock);
        var queue = MisbehaviourQueue.Open(Path.Combine(Folder, name + "-mbr.db"), 64, Clock);
        var node = new ObuNode(new ObuNodeOptions
        {
            Name = name,
            Partition = obu.Client,
            Radio = Medium.Attach(name),
            Position = route,
            Clock = Clock,
            Root = Pki.RootCertificate,
            Directory = new PkiDirectory(new PkiClient(Http, Pki.RootCertificate, Clock)),
            Provisioning = provisioning,
            StationId = name,
            Tickets = tickets,
            PseudonymPeriod = null,
            SendCams = false,
            MisbehaviourQueue = queue,
            MisbehaviourReportInterval = TimeSpan.FromHours(1),
            PostureServer = posture,
        });
        _members.Add((obu, node, provisioning, queue));
        await node.StartAsync();
        return node;
    }

    /// <summary>A station whose keys are in this test's memory (an attacker with a valid ticket): its canonical key, EC key and ticket key.</summary>
    public async Task<(V2x.Security.Certificates.Certificate Ticket, EcdsaP256SignatureKey Key)> OutsiderAsync(string name)
    {
        var canonical = EcdsaP256SignatureKey.Generate();
        Pki.Ea.RegisterStation(new StationRecord
        {
            StationId = name,
            CanonicalKey = canonical.PublicKey,
            Vendor = "Acme Motors",
            Product = "OBU-7",
            Idf = Idf,
            AssuranceLevel = 2,
        });
        var client = new PkiClient(Http, Pki.RootCertificate, Clock);
        var ecKey = EcdsaP256SignatureKey.Generate();
        var ec = await client.EnrolAsync(name, canonical, ecKey);
        var key = EcdsaP256SignatureKey.Generate();
        return (await client.RequestTicketAsync(ec, ecKey, key), key);
    }

    /// <summary>The partition client of a node made here.</summary>
    public Firmware.SecurePartition.Protocol.SecurePartitionClient PartitionOf(ObuNode node) => _members.Single(m => ReferenceEquals(m.Node, node)).Obu.Client;

    /// <summary>The provisioning of a node made here.</summary>
    public PkiProvisioning ProvisioningOf(ObuNode node) => _members.Single(m => ReferenceEquals(m.Node, node)).Provisioning;

    public async ValueTask DisposeAsync()
    {
        foreach (var (obu, node, provisioning, queue) in _members)
        {
            await node.DisposeAsync();
            provisioning.Dispose();
            queue.Dispose();
            await obu.DisposeAsync();
        }

        await _service.StopAsync();
        await _service.DisposeAsync();
        Http.Dispose();
        Pki.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
