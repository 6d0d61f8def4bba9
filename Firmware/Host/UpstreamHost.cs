using Cti.Taxii;
using Firmware.SecurePartition.Protocol;
using Firmware.Upstream;
using Hardware.Positioning;
using Hardware.Random;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Firmware.Host;

/// <summary>
/// The upstream forwarder of an OBU host, from configuration (ITU-T X.1382 §9.3.2: anomaly summaries to the
/// sharing community; §9.3.1.4 c: indicators back). Off unless Upstream:Url is set. Every envelope is signed by the
/// partition with the vehicle's current authorization ticket (PSID 0x0D, no fleet secret needed). Settings: Upstream:Url
/// (the hub's TAXII 2.1 API root; https is verified against Tls:Root when set, else the system's roots),
/// Upstream:Username and Upstream:Password (optional HTTP Basic of a member, TAXII 2.1 §1.6.5; a vehicle needs none),
/// Upstream:Collection (required), Upstream:IndicatorCollection (the return path; off when unset),
/// Upstream:Queue (the SQLite store-and-forward file, required), Upstream:IntervalSeconds (default 30),
/// Upstream:TrustedProducers (comma-separated STIX identity ids), Vehicle:Make and Vehicle:Model (required).
/// </summary>
public sealed class UpstreamHost : IAsyncDisposable
{
    private readonly HttpClient _http;

    private UpstreamHost(HttpClient http, UpstreamForwarder forwarder)
    {
        _http = http;
        Forwarder = forwarder;
    }

    /// <summary>The forwarder.</summary>
    public UpstreamForwarder Forwarder { get; }

    /// <summary>The forwarder the configuration asks for, not yet started; null when Upstream:Url is unset.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public static UpstreamHost? Create(IConfiguration configuration, SecurePartitionClient partition, IPositionSource? position, TimeProvider clock,
        IRandomSource random, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(loggers);
        if (configuration["Upstream:Url"] is not { Length: > 0 } url)
        {
            return null;
        }

        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var apiRoot) || apiRoot.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Upstream:Url is an absolute http(s) URL of a TAXII API root, not '{url}'.");
        }

        var interval = Settings.UInt(configuration, "Upstream:IntervalSeconds", 30);
        if (interval == 0)
        {
            throw new ArgumentException("Upstream:IntervalSeconds is at least 1.");
        }

        var options = new UpstreamOptions
        {
            QueuePath = Settings.Require(configuration, "Upstream:Queue"),
            CollectionId = Settings.Require(configuration, "Upstream:Collection"),
            IndicatorCollectionId = configuration["Upstream:IndicatorCollection"] is { Length: > 0 } indicators ? indicators : null,
            Make = Settings.Require(configuration, "Vehicle:Make"),
            Model = Settings.Require(configuration, "Vehicle:Model"),
            CycleInterval = TimeSpan.FromSeconds(interval),
            TrustedIndicatorProducers = (configuration["Upstream:TrustedProducers"] ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        options.Validate();
        var log = loggers.CreateLogger("Upstream");
        var http = new HttpClient(TlsRoot.Handler(configuration));
        try
        {
            var taxii = new TaxiiClient(http, new TaxiiClientOptions
            {
                ApiRoot = apiRoot,
                Username = configuration["Upstream:Username"],
                Password = configuration["Upstream:Password"],
                // The forwarder retries with its own persisted backoff; one attempt per delivery here.
                Retry = RetryPolicy.None,
                EnvelopeSigner = new PartitionLink(partition),
            }, clock);
            var forwarder = UpstreamForwarder.ForPartition(options, partition, taxii, position, clock, random, log);
            return new UpstreamHost(http, forwarder);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Runs one cycle now (<see cref="UpstreamForwarder.NudgeAsync"/>): never throws.</summary>
    public Task NudgeAsync() => Forwarder.NudgeAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Forwarder.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}
