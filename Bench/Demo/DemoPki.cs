using Bench.Tls;
using Microsoft.AspNetCore.Builder;
using Pki.Authorities;
using Pki.Service;
using Pki.Store;
using PkiProtocol.Audit;
using V2x.Security.Certificates;
using V2x.Security.Crypto;

namespace Bench.Demo;

/// <summary>
/// The demo's PKI: a fresh <see cref="BenchPki"/> in a folder (root, EA, AA, audit CA), the audit CA's
/// assessment of the OBUs' IDF implementation, and the HTTPS service on 127.0.0.1 with a port the system
/// picks (the bench TLS CA's certificate, <see cref="DemoTls"/>), which the OBUs enrol at, get tickets from and refresh
/// CRLs from (ETSI TS 102 941 v1.4.1 §6.1).
/// </summary>
public sealed class DemoPki : IAsyncDisposable
{
    /// <summary>The IDF implementation every OBU of the demo runs; the audit CA assesses it.</summary>
    public static readonly IdfImplementation ObuIdf = new("nanoFramework", "IntegrityGuard", "1.0");

    /// <summary>The versions of <see cref="ObuIdf"/>'s product the audit CA's assessment of it covers.</summary>
    public static readonly VersionRange AssessedVersions = VersionRange.Parse("1.0..1.9");

    /// <summary>The level the audit CA grants <see cref="ObuIdf"/> (receivers require 3 by default).</summary>
    public const byte AssessedLevel = 5;

    /// <summary>The IDF model a legacy station is registered with: the audit CA never assessed it, so its tickets carry no IDF permission.</summary>
    public static readonly IdfImplementation LegacyIdf = new("Legacy Motors", "NoIdf", "1.0");

    private readonly WebApplication _service;

    private DemoPki(BenchPki pki, WebApplication service, Uri address, string folder, DemoTls tls)
    {
        Pki = pki;
        Tls = tls;
        _service = service;
        Address = address;
        Folder = folder;
    }

    /// <summary>The PKI.</summary>
    public BenchPki Pki { get; }

    /// <summary>The demo's TLS CA, which clients of the service trust.</summary>
    public DemoTls Tls { get; }

    /// <summary>The service's base address (https://127.0.0.1:PORT/).</summary>
    public Uri Address { get; }

    /// <summary>The PKI's folder.</summary>
    public string Folder { get; }

    /// <summary>The root certificate the stations pin.</summary>
    public Certificate Root => Pki.RootCertificate;

    /// <summary>
    /// Creates the PKI in <paramref name="folder"/> (or, with <paramref name="shared"/>, copies the PKI of that folder into it: a
    /// part of a scenario spread over several processes, <see cref="DemoPart"/>, whose parts all trust one root), assesses the
    /// OBUs' IDF (<see cref="ObuIdf"/>, and each of <paramref name="models"/>: a scenario's other IDF models, each assessed at
    /// <see cref="AssessedLevel"/> for its own version alone) and starts the service.
    /// </summary>
    /// <exception cref="ArgumentException">The folder already holds a PKI, or <paramref name="shared"/> holds none.</exception>
    public static async Task<DemoPki> StartAsync(string folder, TimeProvider clock, DemoTls tls, CancellationToken cancellationToken, string? shared = null,
        IEnumerable<IdfImplementation>? models = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(tls);
        var pki = shared is null ? BenchPki.Init(folder, new PkiOptions { Name = "bench-demo" }, clock) : OpenCopy(shared, folder, clock);
        try
        {
            var now = clock.GetUtcNow();

            // Patent ¶154-156, ¶185-190: the audit CA assesses the IDF implementation; the EA puts the level into
            // every ticket of a station that runs an assessed version (PSID 0x1E, intDetectAssuranceLevel).
            pki.Audit.Assess(ObuIdf.Vendor, ObuIdf.Product, AssessedVersions, AssessedLevel, now.AddDays(-1), now.AddYears(1),
                "bench demo: simulated-board IDF, detectors of Docs/secure-partition.md");
            foreach (var model in (models ?? []).Where(m => m != ObuIdf).Distinct())
            {
                pki.Audit.Assess(model.Vendor, model.Product, new VersionRange(model.Version, model.Version), AssessedLevel, now.AddDays(-1), now.AddYears(1),
                    "bench scenario: another IDF model of the simulated board");
            }
            var service = PkiService.Build(pki, port: 0, tls.PkiCertificate);
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
            return new DemoPki(pki, service, PkiService.BoundAddress(service), folder, tls);
        }
        catch
        {
            pki.Dispose();
            throw;
        }
    }

    // The shared PKI's state file copied (never opened in place: each part's EA registers its own stations), then opened.
    private static BenchPki OpenCopy(string shared, string folder, TimeProvider clock)
    {
        var state = Path.Combine(shared, PkiStore.FileName);
        if (!File.Exists(state))
        {
            throw new ArgumentException($"--pki {shared} holds no PKI ({PkiStore.FileName}); make one with 'Pki init DIR'.", nameof(shared));
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new ArgumentException($"The folder {folder} already holds a PKI.", nameof(folder));
        }

        Directory.CreateDirectory(folder);
        File.Copy(state, Path.Combine(folder, PkiStore.FileName));
        return BenchPki.Open(folder, clock);
    }

    /// <summary>Registers a station at manufacture with its canonical public key and IDF implementation.</summary>
    public void Register(string stationId, PublicVerificationKey canonicalKey, IdfImplementation idf) =>
        Pki.Ea.RegisterStation(new StationRecord
        {
            StationId = stationId,
            CanonicalKey = canonicalKey,
            Vendor = "Bench Motors",
            Product = "Demo Car",
            Idf = idf,
            AssuranceLevel = 2,
            StationType = V2x.Facilities.ItsContainer.StationType.PassengerCar,
        });

    /// <summary>A client of the service: HTTPS trusting the demo's TLS CA alone.</summary>
    public HttpClient Client(HttpMessageHandler? counter = null) => new(counter ?? Tls.ClientHandler()) { BaseAddress = Address };

    /// <summary>Stops the service and closes the state.</summary>
    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync().ConfigureAwait(false);
        await _service.DisposeAsync().ConfigureAwait(false);
        Pki.Dispose();
    }
}
