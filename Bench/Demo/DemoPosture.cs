using System.Globalization;
using Firmware.SecurePartition.Posture;
using Hardware.Boards;
using Hardware.Inventory;
using Hardware.Simulated;
using Microsoft.AspNetCore.Builder;
using PkiProtocol.Client;
using PkiProtocol.Posture;
using PostureServer.Assessment;
using PostureServer.Catalogue;
using PostureServer.Import;
using PostureServer.Service;
using PostureServer.Store;
using V2x.Security.Crypto;

namespace Bench.Demo;

/// <summary>
/// The demo's posture server (issue 14, Build 8; Docs/posture.md): the OEM's <c>PostureServer</c> on loopback beside the
/// PKI, its certificate issued by the demo's root, its posture documents signed with the OEM key the OBUs' ROMs pin, its
/// catalogue the OBUs' software: the four images (bootloader, os, idf, app, all at their latest version) and the curl
/// library every OBU has installed, at 8.4.0 on all but one, which has not been updated (8.3.0). At start the server
/// knows no weakness, so every OBU's posture is "none". <see cref="PublishAdvisory"/> imports the posture server's own
/// CVE JSON 5 sample (PostureServer/Samples/cve5-records.json, as <c>PostureServer import</c> does): its CVE-2023-38545
/// (curl SOCKS5 heap overflow, CVSS v3.1 9.8, fixed in 8.4.0) now applies to that one OBU, whose next poll turns its
/// posture critical.
/// </summary>
internal sealed class DemoPosture : IAsyncDisposable
{
    /// <summary>How often the demo's OBUs poll (the product's default is 6 h; a short demo needs the answer within a second).</summary>
    public static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The installed library the advisory is about, at the version every OBU but one runs (the fixed one).</summary>
    public static readonly SoftwareComponent CurrentLibrary = new("curl", "8.4.0", "app:curl");

    /// <summary>The same library where it was not updated (affected: 7.69.0 up to below 8.4.0).</summary>
    public static readonly SoftwareComponent OutdatedLibrary = new("curl", "8.3.0", "app:curl");

    /// <summary>
    /// The longest the receivers may take from the advisory to acting on the critical grade: the poll period, one second for
    /// the poll itself (a signed and encrypted exchange both ways, Docs/posture.md), and T_GenCamMax (1 s, EN 302 637-2
    /// §6.1.3: the longest the next CAM waits).
    /// </summary>
    public static readonly TimeSpan DetectionPeriod = PollPeriod + TimeSpan.FromSeconds(2);

    /// <summary>Where the advisory comes from (embedded in the bench).</summary>
    public const string AdvisorySource = "PostureServer/Samples/cve5-records.json";

    private const string AdvisoryResource = "Bench.Demo.cve5-records.json";
    private readonly PostureStore _store;
    private readonly ServerKeys _keys;
    private readonly WebApplication _service;
    private readonly HttpClient _pkiHttp;
    private readonly TimeProvider _clock;
    private readonly List<HttpClient> _clients = [];

    private DemoPosture(PostureStore store, ServerKeys keys, WebApplication service, HttpClient pkiHttp, TimeProvider clock)
    {
        _store = store;
        _keys = keys;
        _service = service;
        _pkiHttp = pkiHttp;
        _clock = clock;
        Address = PostureHttpService.BoundAddress(service);
    }

    /// <summary>The service's address (HTTP on 127.0.0.1; the exchange itself is IEEE 1609.2 signed and encrypted).</summary>
    public Uri Address { get; }

    /// <summary>The server's SQLite store.</summary>
    public string DatabasePath => _store.Path;

    /// <summary>Makes the store and keys in <paramref name="folder"/>, gets the certificate from the demo's root, fills the catalogue and serves.</summary>
    public static async Task<DemoPosture> StartAsync(string folder, DemoPki pki, ISignatureKey oemKey, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pki);
        Directory.CreateDirectory(folder);
        var store = PostureStore.Open(folder, create: true);
        ServerKeys? keys = null;
        HttpClient? pkiHttp = null;
        try
        {
            keys = ServerKeys.Load(store);
            keys.Install(store, pki.Pki.Root.IssueServiceCertificate("posture.bench", keys.Signing.PublicKey, keys.Encryption.PublicKey, TimeSpan.FromDays(30)).Encoded);
            foreach (var component in Catalogue())
            {
                store.PutComponent(component);
            }

            pkiHttp = pki.Client();
            var trust = new RequesterTrust(new PkiClient(pkiHttp, pki.Root, clock), clock);
            var service = PostureHttpService.Build(new AssessmentEndpoint(new PostureAssessor(store), keys, oemKey, trust, clock), keys, 0);
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
            return new DemoPosture(store, keys, service, pkiHttp, clock);
        }
        catch
        {
            pkiHttp?.Dispose();
            keys?.Dispose();
            store.Dispose();
            throw;
        }
    }

    /// <summary>A posture client for one OBU (its own HTTP connection to the server; the server's certificate checked under the demo's root).</summary>
    public PostureClient Client(DemoPki pki)
    {
        ArgumentNullException.ThrowIfNull(pki);
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Address };
        var pkiHttp = pki.Client();
        lock (_clients)
        {
            _clients.Add(http);
            _clients.Add(pkiHttp);
        }

        return new PostureClient(http, new PkiClient(pkiHttp, pki.Root, _clock), _clock);
    }

    /// <summary>
    /// Publishes the advisory: imports the sample record set into the server's store (the records naming no catalogue
    /// component are skipped, as the import does); returns the weaknesses stored, as "id component score".
    /// </summary>
    public IReadOnlyList<string> PublishAdvisory()
    {
        using var stream = typeof(DemoPosture).Assembly.GetManifestResourceStream(AdvisoryResource)
            ?? throw new InvalidOperationException($"the bench lacks its embedded {AdvisorySource}");
        using var reader = new StreamReader(stream);
        var (weaknesses, _) = CveRecordImport.Read(reader.ReadToEnd(), _store.Components(), AdvisorySource);
        _store.PutWeaknesses(weaknesses);
        return [.. weaknesses.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Id} {w.Component} {w.BaseScore:0.0}"))];
    }

    /// <summary>Stops serving and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync().ConfigureAwait(false);
        await _service.DisposeAsync().ConfigureAwait(false);
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        _pkiHttp.Dispose();
        _keys.Dispose();
        _store.Dispose();
    }

    // The OBUs' images (the partition's inventory names them by partition label, each at the reference version) and curl.
    private static IEnumerable<CatalogueComponent> Catalogue()
    {
        foreach (var image in ObuPartitions.Images)
        {
            var role = image switch
            {
                ObuPartitions.App => ComponentRole.Application,
                ObuPartitions.Idf => ComponentRole.Idf,
                _ => ComponentRole.Other,
            };
            yield return new CatalogueComponent(image, ComponentIdentifier.Parse($"cpe:2.3:a:bench_oem:{image}:*:*:*:*:*:*:*:*"), role, SimulatedBoard.ReferenceVersion);
        }

        yield return new CatalogueComponent(CurrentLibrary.Name, ComponentIdentifier.Parse("cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*"), ComponentRole.Other, CurrentLibrary.Version);
    }
}
