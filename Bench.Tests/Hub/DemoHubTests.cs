using System.Net;
using System.Security.Authentication;
using Bench.Demo;
using Bench.Hub;
using Bench.Tls;
using Cti.Sharing;
using Cti.Taxii;
using PkiProtocol.Messages;
using PkiProtocol.Tls;
using Testing;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Bench.Tests.Hub;

/// <summary>
/// The demo's hub as set up for the fleet (X.1382 §9.3.1.1), over HTTPS under the bench TLS CA: vehicles write "Fleet
/// anomalies" with no credential, by their tickets' signatures; the CERT analyst reads it; anyone else is refused; a
/// client trusting another CA refuses the hub; the store stays in the output folder.
/// </summary>
public sealed class DemoHubTests : IAsyncLifetime
{
    private readonly string _folder = TestInfra.NewTempDirectory("bench-hub");
    private DemoTls _tls = null!;
    private DemoPki _pki = null!;
    private DemoHub _hub = null!;

    public async Task InitializeAsync()
    {
        _tls = DemoTls.Create(_folder);
        _pki = await DemoPki.StartAsync(Path.Combine(_folder, "pki"), TimeProvider.System, _tls, CancellationToken.None);
        _hub = await DemoHub.StartAsync(Path.Combine(_folder, "hub"), TimeProvider.System, _pki, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _pki.DisposeAsync();
        _tls.Dispose();
        Assert.True(File.Exists(Path.Combine(_folder, "hub", "hub.db")));
    }

    [Fact]
    public async Task A_vehicle_posts_a_signed_summary_without_credentials_and_the_analyst_reads_it()
    {
        Assert.Equal(("https", IPAddress.Loopback.ToString()), (_hub.ApiRoot.Scheme, _hub.ApiRoot.Host));
        var (ticket, key) = await TicketAsync("obu-1");
        using var http = new HttpClient(_tls.ClientHandler());
        var summary = new AnomalySummary
        {
            SummaryId = Guid.NewGuid(),
            VehiclePseudonym = "obu-pseudonym-1",
            Make = DemoHub.Make,
            Model = DemoHub.Model,
            FirmwareVersion = "1.0",
            Detector = "process",
            AnomalyClass = "process-unexpected",
            Severity = AnomalySeverity.HighAnomaly,
            ThreatType = X1371ThreatType.AttackTargetsAndMotivations,
            Created = DateTimeOffset.UtcNow,
            FirstObserved = DateTimeOffset.UtcNow,
            LastObserved = DateTimeOffset.UtcNow,
            Tlp = Cti.Stix.TlpLevel.Green,
            Observables = [Observables.File("rogue", null)],
        };

        var status = await _hub.ObuClient(http, new Signer(ticket, key), TimeProvider.System).AddObjectsAsync(_hub.AnomaliesCollection, summary.ToStixObjects());

        Assert.Equal(0, status.FailureCount);
        Assert.Contains(await _hub.ReadAsync(CancellationToken.None), o => (string)o["id"]! == summary.ObservedDataId);
        var unsigned = await Assert.ThrowsAsync<TaxiiClientException>(() =>
            new TaxiiClient(http, new TaxiiClientOptions { ApiRoot = _hub.ApiRoot, Retry = RetryPolicy.None }, TimeProvider.System)
                .AddObjectsAsync(_hub.AnomaliesCollection, summary.ToStixObjects()));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    public static TheoryData<string, string?, string?> Strangers => new()
    {
        { "the analyst's user with another password", "cert-analyst", "not-the-password" },
        { "an unknown user", "someone", "secret" },
        { "no credentials", null, null },
    };

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task Anyone_else_is_refused(string row, string? user, string? password)
    {
        using var http = new HttpClient(_tls.ClientHandler());
        var stranger = new TaxiiClient(http, new TaxiiClientOptions { ApiRoot = _hub.ApiRoot, Username = user, Password = password, Retry = RetryPolicy.None },
            TimeProvider.System);

        var refused = await Assert.ThrowsAsync<TaxiiClientException>(() => stranger.GetObjectsAsync(_hub.AnomaliesCollection));
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{row}: {refused.StatusCode}");
    }

    [Fact]
    public async Task A_client_refuses_the_hub_and_the_pki_when_it_trusts_another_ca()
    {
        using var other = TlsAuthority.Create("another CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        foreach (var url in new[] { _hub.ApiRoot, _pki.Address })
        {
            using var http = new HttpClient(TlsTrust.CreateHandler(other.Root));
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url));
            Assert.IsType<AuthenticationException>(refused.InnerException);
        }
    }

    private async Task<(Certificate Ticket, EcdsaP256SignatureKey Key)> TicketAsync(string station)
    {
        using var canonical = EcdsaP256SignatureKey.Generate();
        using var ecKey = EcdsaP256SignatureKey.Generate();
        _pki.Register(station, canonical.PublicKey, DemoPki.ObuIdf);
        using var http = _pki.Client();
        var client = new PkiProtocol.Client.PkiClient(http, _pki.Root, TimeProvider.System);
        var ec = await client.EnrolAsync(station, canonical, ecKey);
        var key = EcdsaP256SignatureKey.Generate();
        return (await client.RequestTicketAsync(ec, ecKey, key, model: DemoPki.ObuIdf), key);
    }

    // Signs as an OBU's partition does (sign-upstream-summary): extDataHash of the envelope digest, PSID 0x0D, the ticket as signer.
    private sealed class Signer(Certificate ticket, ISignatureKey key) : IEnvelopeSigner
    {
        public Task<byte[]?> SignAsync(string collectionId, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken) =>
            Task.FromResult<byte[]?>(new SpduSigner(key, ticket).SignExternalHash(EnvelopeSignature.Digest(collectionId, envelope.Span),
                new HeaderInfo { Psid = PkiPsids.UpstreamSummary, GenerationTime = Time64.Now(TimeProvider.System) }, SignerChoice.Certificate));
    }
}
