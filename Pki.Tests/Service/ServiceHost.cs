using Microsoft.AspNetCore.Builder;
using Pki.Service;
using PkiProtocol.Client;

namespace Pki.Tests.Service;

/// <summary>The PKI service of a <see cref="TestBench"/> on 127.0.0.1 (Kestrel, port 0) and an HttpClient for it.</summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private WebApplication _app;

    private ServiceHost(TestBench bench, WebApplication app)
    {
        Bench = bench;
        _app = app;
        Http = NewHttp(PkiService.BoundAddress(app));
    }

    public TestBench Bench { get; }

    public HttpClient Http { get; private set; }

    public Uri Address => Http.BaseAddress!;

    public PkiClient Client() => new(Http, Bench.Pki.RootCertificate, Bench.Clock);

    public static async Task<ServiceHost> StartAsync(TestBench bench)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var app = PkiService.Build(bench.Pki, 0);
        await app.StartAsync();
        return new ServiceHost(bench, app);
    }

    /// <summary>Stops the service, closes and reopens the state, and starts a new service (a restart).</summary>
    public async Task RestartAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Http.Dispose();
        Bench.Restart();
        _app = PkiService.Build(Bench.Pki, 0);
        await _app.StartAsync();
        Http = NewHttp(PkiService.BoundAddress(_app));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static HttpClient NewHttp(Uri address) =>
        new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
}
