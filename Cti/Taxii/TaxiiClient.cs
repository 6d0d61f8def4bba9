using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cti.Stix;

namespace Cti.Taxii;

/// <summary>
/// A TAXII 2.1 client for one API root (OASIS TAXII 2.1 §4-§5): reads discovery, API root,
/// collections, objects (paged, filtered), manifests, versions and status, and adds objects in
/// envelopes. Every request is retried with exponential backoff on transient failures
/// (connection errors, timeouts, 408, 429, 5xx) through the injected <see cref="TimeProvider"/>.
/// Adding objects is idempotent by STIX id and version (TAXII 2.1 §5.4: a server keeps one copy
/// of an id/version), so a request that may or may not have arrived is simply sent again.
/// </summary>
public sealed partial class TaxiiClient
{
    private readonly HttpClient _http;
    private readonly TaxiiClientOptions _options;
    private readonly TimeProvider _time;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>A client sending through <paramref name="http"/>.</summary>
    public TaxiiClient(HttpClient http, TaxiiClientOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!options.ApiRoot.IsAbsoluteUri || !options.ApiRoot.AbsolutePath.EndsWith('/'))
        {
            throw new ArgumentException("the API root must be an absolute URL ending with '/' (TAXII 2.1 §4.2)", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxPagesWithoutProgress, nameof(options));

        _http = http;
        _options = options;
        _time = timeProvider;
        if (options.Username is not null)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + (options.Password ?? string.Empty)));
            _authorization = new AuthenticationHeaderValue("Basic", token);
        }
    }

    /// <summary>GET a discovery endpoint (TAXII 2.1 §4.1), usually <c>/taxii2/</c> on the same server.</summary>
    public async Task<TaxiiDiscovery> GetDiscoveryAsync(Uri discoveryUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(discoveryUrl);
        var (body, _) = await GetAsync(new Uri(_options.ApiRoot, discoveryUrl), cancellationToken).ConfigureAwait(false);
        return Deserialize(body, TaxiiJsonContext.Default.TaxiiDiscovery);
    }

    /// <summary>GET the API root information (TAXII 2.1 §4.2).</summary>
    public async Task<TaxiiApiRoot> GetApiRootAsync(CancellationToken cancellationToken = default)
    {
        var (body, _) = await GetAsync(_options.ApiRoot, cancellationToken).ConfigureAwait(false);
        return Deserialize(body, TaxiiJsonContext.Default.TaxiiApiRoot);
    }

    /// <summary>GET the collections the caller may see (TAXII 2.1 §5.1).</summary>
    public async Task<IReadOnlyList<TaxiiCollection>> GetCollectionsAsync(CancellationToken cancellationToken = default)
    {
        var (body, _) = await GetAsync(Relative("collections/"), cancellationToken).ConfigureAwait(false);
        return Deserialize(body, TaxiiJsonContext.Default.TaxiiCollections).Collections ?? [];
    }

    /// <summary>GET one collection (TAXII 2.1 §5.2).</summary>
    public async Task<TaxiiCollection> GetCollectionAsync(string collectionId, CancellationToken cancellationToken = default)
    {
        var (body, _) = await GetAsync(Relative($"collections/{Segment(collectionId)}/"), cancellationToken).ConfigureAwait(false);
        return Deserialize(body, TaxiiJsonContext.Default.TaxiiCollection);
    }

    /// <summary>GET one page of objects (TAXII 2.1 §5.4).</summary>
    public Task<TaxiiObjectPage> GetObjectsAsync(string collectionId, TaxiiObjectQuery? query = null, CancellationToken cancellationToken = default) =>
        GetObjectsAsync(collectionId, query ?? new(), retryHttpErrors: true, cancellationToken);

    /// <summary>GET one object, all versions matching <paramref name="query"/> (TAXII 2.1 §5.6).</summary>
    public async Task<TaxiiObjectPage> GetObjectAsync(string collectionId, string objectId, TaxiiObjectQuery? query = null, CancellationToken cancellationToken = default)
    {
        var url = Relative($"collections/{Segment(collectionId)}/objects/{Segment(objectId)}/{(query ?? new()).ToQueryString()}");
        var (body, headers) = await GetAsync(url, cancellationToken).ConfigureAwait(false);
        var envelope = Deserialize(body, TaxiiJsonContext.Default.TaxiiEnvelope);
        return new TaxiiObjectPage(Objects(envelope), envelope.More ?? false, envelope.Next, First(headers), Last(headers));
    }

    /// <summary>GET one page of the manifest (TAXII 2.1 §5.3).</summary>
    public Task<TaxiiManifestPage> GetManifestAsync(string collectionId, TaxiiObjectQuery? query = null, CancellationToken cancellationToken = default) =>
        GetManifestAsync(collectionId, query ?? new(), retryHttpErrors: true, cancellationToken);

    private async Task<TaxiiManifestPage> GetManifestAsync(string collectionId, TaxiiObjectQuery query, bool retryHttpErrors, CancellationToken cancellationToken)
    {
        var url = Relative($"collections/{Segment(collectionId)}/manifest/{query.ToQueryString()}");
        var (body, headers) = await GetAsync(url, retryHttpErrors, cancellationToken).ConfigureAwait(false);
        var manifest = Deserialize(body, TaxiiJsonContext.Default.TaxiiManifest);
        return new TaxiiManifestPage(manifest.Objects ?? [], manifest.More ?? false, First(headers), Last(headers)) { Next = manifest.Next };
    }

    /// <summary>GET one page of an object's versions (TAXII 2.1 §5.7).</summary>
    public async Task<TaxiiVersionsPage> GetVersionsAsync(string collectionId, string objectId, TaxiiObjectQuery? query = null, CancellationToken cancellationToken = default)
    {
        var url = Relative($"collections/{Segment(collectionId)}/objects/{Segment(objectId)}/versions/{(query ?? new()).ToQueryString()}");
        var (body, headers) = await GetAsync(url, cancellationToken).ConfigureAwait(false);
        var versions = Deserialize(body, TaxiiJsonContext.Default.TaxiiVersions);
        return new TaxiiVersionsPage(versions.Versions ?? [], versions.More ?? false, First(headers), Last(headers)) { Next = versions.Next };
    }

    /// <summary>GET a status resource (TAXII 2.1 §4.3).</summary>
    public async Task<TaxiiStatus> GetStatusAsync(string statusId, CancellationToken cancellationToken = default)
    {
        var (body, _) = await GetAsync(Relative($"status/{Segment(statusId)}/"), cancellationToken).ConfigureAwait(false);
        return Status(body);
    }

    /// <summary>
    /// POSTs <paramref name="objects"/> in one envelope (TAXII 2.1 §5.5) and returns the status,
    /// waiting (with the retry policy's backoff) while the server reports it pending. Safe to
    /// repeat: objects keep their ids and versions. With <see cref="TaxiiClientOptions.EnvelopeSigner"/> the envelope
    /// travels with its detached signature (<see cref="EnvelopeSignature"/>), made once per call.
    /// </summary>
    public async Task<TaxiiStatus> AddObjectsAsync(string collectionId, IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        if (objects.Count == 0)
        {
            throw new ArgumentException("an envelope to post holds at least one object", nameof(objects));
        }

        var envelope = new JsonObject { ["objects"] = new JsonArray(objects.Select(o => (JsonNode)o.DeepClone()).ToArray()) };
        var payload = Encoding.UTF8.GetBytes(StixJson.Write(envelope));
        var url = Relative($"collections/{Segment(collectionId)}/objects/");
        var signature = _options.EnvelopeSigner is { } signer
            && await signer.SignAsync(collectionId, payload, cancellationToken).ConfigureAwait(false) is { } signed
            ? Convert.ToBase64String(signed)
            : null;
        var (body, _) = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = TaxiiContent(payload) };
                if (signature is not null)
                {
                    request.Headers.Add(EnvelopeSignature.Header, signature);
                }

                return request;
            },
            cancellationToken).ConfigureAwait(false);
        var status = Status(body);
        for (var attempt = 2; status.Status == TaxiiStatus.Pending && attempt <= _options.Retry.MaxAttempts; attempt++)
        {
            await Task.Delay(_options.Retry.DelayBefore(attempt), _time, cancellationToken).ConfigureAwait(false);
            status = await GetStatusAsync(status.Id, cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    /// <summary>DELETEs an object, or the versions matching <paramref name="query"/> (TAXII 2.1 §5.8).</summary>
    public async Task DeleteObjectAsync(string collectionId, string objectId, TaxiiObjectQuery? query = null, CancellationToken cancellationToken = default)
    {
        var url = Relative($"collections/{Segment(collectionId)}/objects/{Segment(objectId)}/{(query ?? new()).ToQueryString()}");
        await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, url), cancellationToken).ConfigureAwait(false);
    }

    // TAXII 2.1 §3.7: objects is a list of STIX objects; a null or non-object entry is a broken envelope.
    private static IReadOnlyList<JsonObject> Objects(TaxiiEnvelope envelope)
    {
        var objects = envelope.Objects ?? [];
        if (objects.Any(o => o is null))
        {
            throw new TaxiiClientException("the server sent an envelope whose objects list holds a null entry");
        }

        return objects;
    }

    // TAXII 2.1 §4.3.1: id and status are required.
    private static TaxiiStatus Status(string body)
    {
        var status = Deserialize(body, TaxiiJsonContext.Default.TaxiiStatus);
        if (string.IsNullOrEmpty(status.Id))
        {
            throw new TaxiiClientException("the server sent a status resource without an id");
        }

        if (string.IsNullOrEmpty(status.Status))
        {
            throw new TaxiiClientException("the server sent a status resource without a status");
        }

        return status;
    }

    private Uri Relative(string path) => new(_options.ApiRoot, path);

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    private static ByteArrayContent TaxiiContent(byte[] payload)
    {
        var content = new ByteArrayContent(payload);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaType.Taxii21);
        return content;
    }

    private static T Deserialize<T>(string body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        try
        {
            return JsonSerializer.Deserialize(body, info) ?? throw new TaxiiClientException("the server sent an empty TAXII resource");
        }
        catch (JsonException e)
        {
            throw new TaxiiClientException("the server's answer is not the TAXII 2.1 resource expected: " + e.Message, e);
        }
    }
}
