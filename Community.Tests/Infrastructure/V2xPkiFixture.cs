using System.Security.Cryptography.X509Certificates;
using Community.Authenticity;
using Cti.Taxii;
using Microsoft.AspNetCore.Builder;
using Pki.Authorities;
using Pki.Service;
using Pki.Store;
using PkiProtocol.Audit;
using PkiProtocol.Client;
using PkiProtocol.Messages;
using PkiProtocol.Tls;
using Testing;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Community.Tests.Infrastructure;

/// <summary>
/// A real V2X PKI (Pki's BenchPki) on the test's clock, served over HTTPS on loopback by its service (PkiService) with
/// a certificate of a test TLS CA: stations enrol and get tickets through PkiClient, and the hub's verifier fetches CA
/// certificates and CRLs from it as it would in service.
/// </summary>
public sealed class V2xPkiFixture : IAsyncDisposable
{
    private readonly string _folder;
    private readonly TlsAuthority _ca;
    private readonly X509Certificate2 _tls;
    private readonly WebApplication _service;
    private readonly TimeProvider _clock;

    private V2xPkiFixture(string folder, BenchPki pki, TlsAuthority ca, X509Certificate2 tls, WebApplication service, TimeProvider clock)
    {
        _folder = folder;
        Pki = pki;
        _ca = ca;
        _tls = tls;
        _service = service;
        _clock = clock;
        Http = new HttpClient(TlsTrust.CreateHandler(ca.Root)) { BaseAddress = PkiService.BoundAddress(service) };
    }

    public BenchPki Pki { get; }

    public HttpClient Http { get; }

    public Certificate Root => Pki.RootCertificate;

    public PkiClient Client => new(Http, Pki.RootCertificate, _clock);

    public static async Task<V2xPkiFixture> StartAsync(TimeProvider clock, string name = "hub-test")
    {
        var folder = TestInfra.NewTempDirectory("v2x-pki");
        var pki = BenchPki.Init(folder, new PkiOptions { Name = name }, clock);
        var ca = TlsAuthority.Create("v2x pki test TLS CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(2));
        var tls = ca.IssueServer(["127.0.0.1"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        var service = PkiService.Build(pki, 0, tls);
        await service.StartAsync();
        return new V2xPkiFixture(folder, pki, ca, tls, service, clock);
    }

    /// <summary>A station registered, enrolled and given one ticket over the service; returns the ticket and its key.</summary>
    public async Task<(Certificate Ticket, EcdsaP256SignatureKey Key)> TicketAsync(string stationId)
    {
        using var canonical = EcdsaP256SignatureKey.Generate();
        using var ecKey = EcdsaP256SignatureKey.Generate();
        Pki.Ea.RegisterStation(new StationRecord
        {
            StationId = stationId,
            CanonicalKey = canonical.PublicKey,
            Vendor = "Acme Motors",
            Product = "OBU-7",
            Idf = new IdfImplementation("Acme", "Guard", "2.0"),
            AssuranceLevel = 2,
        });
        var ec = await Client.EnrolAsync(stationId, canonical, ecKey);
        var key = EcdsaP256SignatureKey.Generate();
        return (await Client.RequestTicketAsync(ec, ecKey, key), key);
    }

    /// <summary>The hub's verifier over this PKI (its root the trust anchor).</summary>
    public SubmissionVerifier Verifier(TimeProvider clock) => new(new V2xTrust(Client, clock), clock);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _service.StopAsync();
        await _service.DisposeAsync();
        _tls.Dispose();
        _ca.Dispose();
        Pki.Dispose();
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

/// <summary>
/// Signs envelopes as an OBU's partition does (Firmware SignUpstreamSummary), with a ticket and its key held by the test:
/// extDataHash over the envelope digest, PSID 0x0D unless told otherwise, signer certificate, generation time now (or shifted).
/// </summary>
public sealed class TicketSigner(Certificate ticket, ISignatureKey key, TimeProvider clock) : IEnvelopeSigner
{
    public Psid Psid { get; init; } = PkiPsids.UpstreamSummary;

    public TimeSpan GenerationShift { get; init; }

    /// <summary>Signs for this collection instead of the one posted to (a replay into another collection).</summary>
    public string? ForCollection { get; init; }

    /// <summary>Flips one bit of the signature's s value.</summary>
    public bool Corrupt { get; init; }

    /// <summary>The last signature made (base64, as it travels).</summary>
    public string? Last { get; private set; }

    public Task<byte[]?> SignAsync(string collectionId, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken)
    {
        var signed = new SpduSigner(key, ticket).SignExternalHash(EnvelopeSignature.Digest(ForCollection ?? collectionId, envelope.Span),
            new HeaderInfo { Psid = Psid, GenerationTime = Time64.FromUtc(clock.GetUtcNow() + GenerationShift) }, SignerChoice.Certificate);
        if (Corrupt)
        {
            signed[^5] ^= 0x01;
        }

        Last = Convert.ToBase64String(signed);
        return Task.FromResult<byte[]?>(signed);
    }
}
