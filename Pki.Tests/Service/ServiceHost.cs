using Microsoft.AspNetCore.Builder;
using Pki.Service;
using PkiProtocol.Client;
using PkiProtocol.Tls;

namespace Pki.Tests.Service;

/// <summary>
/// The PKI service of a <see cref="TestBench"/> on 127.0.0.1 (Kestrel, port 0) over HTTPS with a server certificate of a
/// test TLS CA, and an HttpClient that trusts that CA alone.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _tls;
    private WebApplication _app;

    private ServiceHost(TestBench bench, TlsAuthority ca, System.Security.Cryptography.X509Certificates.X509Certificate2 tls, WebApplication app)
    {
        Bench = bench;
        Ca = ca;
        _tls = tls;
        _app = app;
        Http = NewHttp(PkiService.BoundAddress(app));
    }

    public TestBench Bench { get; }

    /// <summary>The TLS CA the service's certificate comes from.</summary>
    public TlsAuthority Ca { get; }

    public HttpClient Http { get; private set; }

    public Uri Address => Http.BaseAddress!;

    public PkiClient Client() => new(Http, Bench.Pki.RootCertificate, Bench.Clock);

    public static async Task<ServiceHost> StartAsync(TestBench bench)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var ca = TlsAuthority.Create("pki test CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(2));
        var tls = ca.IssueServer(["127.0.0.1"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        var app = PkiService.Build(bench.Pki, 0, tls);
        await app.StartAsync();
        return new ServiceHost(bench, ca, tls, app);
    }

    /// <summary>Stops the service, closes and reopens the state, and starts a new service (a restart).</summary>
    public async Task RestartAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Http.Dispose();
        Bench.Restart();
        _app = PkiService.Build(Bench.Pki, 0, _tls);
        await _app.StartAsync();
        Http = NewHttp(PkiService.BoundAddress(_app));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _tls.Dispose();
        Ca.Dispose();
    }

    private HttpClient NewHttp(Uri address) =>
        new(TlsTrust.CreateHandler(Ca.Root)) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
}
