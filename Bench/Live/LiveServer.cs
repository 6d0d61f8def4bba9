using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bench.Live;

/// <summary>
/// The live view's web server (issue 15 item 4): Kestrel (ASP.NET Core minimal endpoints, the stack of the hub and
/// the PKI service) on 127.0.0.1 only, plain HTTP (it never leaves the machine), serving the page shipped in the
/// assembly (<c>wwwroot/</c>: HTML, JavaScript, CSS and an SVG icon; no CDN, nothing from the internet) under a strict
/// Content-Security-Policy, and the feed as Server-Sent Events on <c>/events</c> (HTML Living Standard §9.2). Read only:
/// nothing a client sends changes the bench. Bad input gets a 4xx (Kestrel's own limits for malformed HTTP; a Host
/// that is not loopback, against DNS rebinding, 400; an unknown path 404; another method 405; more than
/// <see cref="MaxClients"/> streams 503); a client that does not keep up is dropped (<see cref="LiveSubscription"/>).
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    /// <summary>Event streams served at once.</summary>
    public const int MaxClients = 8;

    /// <summary>The page's policy: its own scripts, styles and images only, no inline script or eval, no framing, no forms.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, (string File, string ContentType)> Assets = new(StringComparer.Ordinal)
    {
        ["/"] = ("index.html", "text/html; charset=utf-8"),
        ["/live.js"] = ("live.js", "text/javascript; charset=utf-8"),
        ["/live.css"] = ("live.css", "text/css; charset=utf-8"),
        ["/favicon.svg"] = ("favicon.svg", "image/svg+xml"),
    };

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private int _streams;

    private LiveServer(WebApplication app, Uri address, LiveFeed feed)
    {
        _app = app;
        Address = address;
        Feed = feed;
    }

    /// <summary>The feed it serves.</summary>
    public LiveFeed Feed { get; }

    /// <summary>The page's address (http://127.0.0.1:PORT/).</summary>
    public Uri Address { get; }

    /// <summary>Serves <paramref name="feed"/> on 127.0.0.1:<paramref name="port"/> (0: a free port).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A port outside 0..65535.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<LiveServer> StartAsync(LiveFeed feed, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var assets = Assets.ToDictionary(kv => kv.Key, kv => (Read(kv.Value.File), kv.Value.ContentType), StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Limits.MaxRequestLineSize = 2048;
            kestrel.Limits.MaxRequestHeadersTotalSize = 8192;
            kestrel.Limits.MaxRequestHeaderCount = 32;
            kestrel.Limits.MaxConcurrentConnections = 64;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(5);
        });
        var app = builder.Build();
        LiveServer? server = null;
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers.CacheControl = "no-store";
            if (!IsLoopbackHost(context.Request.Host))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("the live view answers on 127.0.0.1 or localhost only\n", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        foreach (var (path, (bytes, type)) in assets)
        {
            app.MapGet(path, (HttpContext context) => Results.Bytes(bytes, type));
        }

        app.MapGet("/events", (HttpContext context) => server!.StreamAsync(feed, context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the live view's server did not bind");
        server = new LiveServer(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"), feed);
        return server;
    }

    /// <summary>Closes every stream and stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static bool IsLoopbackHost(HostString host) =>
        host.HasValue && (host.Host is "localhost" or "[::1]" || (IPAddress.TryParse(host.Host, out var address) && IPAddress.IsLoopback(address)));

    private static byte[] Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Bench.Live.wwwroot." + file)
            ?? throw new InvalidOperationException($"the live view's {file} is not in the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // One client's event stream: the snapshot, then every event, until the feed ends, the client leaves or falls behind.
    private async Task StreamAsync(LiveFeed feed, HttpContext context)
    {
        if (Interlocked.Increment(ref _streams) > MaxClients)
        {
            Interlocked.Decrement(ref _streams);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        try
        {
            using var client = feed.Subscribe();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, client.Dropped, _stopping.Token);
            context.Response.ContentType = "text/event-stream; charset=utf-8";
            try
            {
                await context.Response.StartAsync(stop.Token).ConfigureAwait(false);
                while (await client.Reader.WaitToReadAsync(stop.Token).ConfigureAwait(false))
                {
                    while (client.Reader.TryRead(out var chunk))
                    {
                        await context.Response.WriteAsync(chunk, stop.Token).ConfigureAwait(false);
                    }

                    await context.Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The client left, fell behind, or the server stops.
            }

            if (client.WasDropped)
            {
                context.Abort();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _streams);
        }
    }
}
