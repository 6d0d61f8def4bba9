using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Community.Authenticity;
using Community.Hosting;
using Cti.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pki.Authorities;
using Pki.Service;
using Pki.Store;
using PkiProtocol.Audit;
using PkiProtocol.Client;
using PkiProtocol.Messages;
using PkiProtocol.Tls;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Benchmarks.Community.Scale;

/// <summary>
/// The OBU's path end to end, under a steady load: vehicles (10 tickets of a real V2X PKI served over HTTPS) post one
/// anomaly summary each, signed as their partitions sign (PSID 0x0D, extDataHash), to the hub over HTTPS at a fixed
/// rate (open loop: a post leaves on schedule whether or not earlier ones were answered); the latency of each is from
/// its scheduled start to the hub's status <c>complete</c> (signature and chain verified against the PKI's root and
/// CRLs, validation, desensitisation, storage, merging, commit).
/// </summary>
internal static class ScaleLatency
{
    private const int Vehicles = 10;

    public static async Task<Pki> StartPkiAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hub-scale-pki-" + Guid.NewGuid().ToString("N")[..8]);
        var pki = BenchPki.Init(folder, new PkiOptions { Name = "hub-scale" }, TimeProvider.System);
        var tls = TlsAuthority.Create("hub-scale TLS CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(2));
        var pkiCertificate = tls.IssueServer(["127.0.0.1"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        var service = PkiService.Build(pki, 0, pkiCertificate);
        await service.StartAsync();
        var result = new Pki(folder, pki, tls, pkiCertificate, service);
        for (var i = 0; i < Vehicles; i++)
        {
            result.Tickets.Add(await result.TicketAsync($"scale-obu-{i}"));
        }

        return result;
    }

    public static async Task<string> RunAsync(HubServices services, Pki pki, int rate, int seconds)
    {
        using var hubCertificate = pki.Tls.IssueServer(["127.0.0.1"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        await using var app = HubApplication.Build(services, ["https://127.0.0.1:0"], runRetention: false, tlsCertificate: hubCertificate);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        using var http = new HttpClient(TlsTrust.CreateHandler(pki.Tls.Root));
        var clients = pki.Tickets.Select(t => new TaxiiClient(http, new TaxiiClientOptions
        {
            ApiRoot = new Uri(address, "/hub/"),
            Retry = RetryPolicy.None,
            EnvelopeSigner = new Signer(t.Ticket, t.Key),
        }, TimeProvider.System)).ToList();

        // Warm-up: connections, the hub's CRLs and chain cache.
        await clients[0].AddObjectsAsync(ScaleRows.Collection, ScaleIngest.Summary(Random.Shared.NextInt64(1L << 45, 1L << 46)).ToStixObjects());

        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        string? firstFailure = null;
        var first = Random.Shared.NextInt64(1L << 40, 1L << 44);
        var count = rate * seconds;
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var load = HubScale.Load();
        var clock = Stopwatch.StartNew();
        var posts = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = interval * i;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var n = first + i;
            var client = clients[i % clients.Count];
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    var status = await client.AddObjectsAsync(ScaleRows.Collection, ScaleIngest.Summary(n).ToStixObjects());
                    if (status.Status != TaxiiStatus.Complete || status.FailureCount > 0)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstFailure, status.Failures?.FirstOrDefault()?.Message ?? status.Status, null);
                    }
                }
                catch (TaxiiClientException e)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, Chain(e), null);
                }

                latencies.Add((clock.Elapsed - due).TotalMilliseconds);
            }));
        }

        await Task.WhenAll(posts);
        var elapsed = clock.Elapsed;
        var sorted = latencies.Order().ToList();
        double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return $"{count} posts in {elapsed.TotalSeconds:N1} s ({count / elapsed.TotalSeconds:N0}/s), {failures} failed{(firstFailure is null ? "" : $" (first: {firstFailure})")}; " +
               $"p50 {P(0.50):N0} ms, p95 {P(0.95):N0} ms, p99 {P(0.99):N0} ms, max {sorted[^1]:N0} ms (load {load} → {HubScale.Load()})";
    }

    // An exception's message with its inner exceptions' (a transport failure names its cause only there).
    private static string Chain(Exception e) => e.InnerException is null ? e.Message : e.Message + " ← " + Chain(e.InnerException);

    /// <summary>The V2X PKI of the run, served over HTTPS, and the vehicles' tickets.</summary>
    internal sealed class Pki(string folder, BenchPki pki, TlsAuthority tls, X509Certificate2 certificate, WebApplication service) : IAsyncDisposable
    {
        public TlsAuthority Tls { get; } = tls;

        public List<(Certificate Ticket, EcdsaP256SignatureKey Key)> Tickets { get; } = [];

        private Uri Address => PkiService.BoundAddress(service);

        /// <summary>A trust in this PKI for a hub, with the HTTP client it fetches through.</summary>
        public (V2xTrust Trust, HttpClient Http) Trust()
        {
            var http = new HttpClient(TlsTrust.CreateHandler(Tls.Root)) { BaseAddress = Address };
            return (new V2xTrust(new PkiClient(http, pki.RootCertificate, TimeProvider.System), TimeProvider.System), http);
        }

        public async Task<(Certificate Ticket, EcdsaP256SignatureKey Key)> TicketAsync(string station)
        {
            using var canonical = EcdsaP256SignatureKey.Generate();
            using var ecKey = EcdsaP256SignatureKey.Generate();
            var idf = new IdfImplementation("Acme", "Guard", "2.0");
            pki.Ea.RegisterStation(new StationRecord { StationId = station, CanonicalKey = canonical.PublicKey, Vendor = "Acme", Product = "OBU", Idf = idf, AssuranceLevel = 2 });
            using var http = new HttpClient(TlsTrust.CreateHandler(Tls.Root)) { BaseAddress = Address };
            var client = new PkiClient(http, pki.RootCertificate, TimeProvider.System);
            var ec = await client.EnrolAsync(station, canonical, ecKey);
            var key = EcdsaP256SignatureKey.Generate();
            return (await client.RequestTicketAsync(ec, ecKey, key), key);
        }

        public async ValueTask DisposeAsync()
        {
            await service.StopAsync();
            await service.DisposeAsync();
            certificate.Dispose();
            Tls.Dispose();
            pki.Dispose();
            foreach (var (_, key) in Tickets)
            {
                key.Dispose();
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    // Signs as an OBU's secure partition does (sign-upstream-summary), with a software key: the OBU's side of the cost.
    private sealed class Signer(Certificate ticket, ISignatureKey key) : IEnvelopeSigner
    {
        public Task<byte[]?> SignAsync(string collectionId, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken) =>
            Task.FromResult<byte[]?>(new SpduSigner(key, ticket).SignExternalHash(EnvelopeSignature.Digest(collectionId, envelope.Span),
                new HeaderInfo { Psid = PkiPsids.UpstreamSummary, GenerationTime = Time64.Now(TimeProvider.System) }, SignerChoice.Certificate));
    }
}
