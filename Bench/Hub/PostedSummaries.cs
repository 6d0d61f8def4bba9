using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bench.Hub;

/// <summary>
/// The HTTP handler under one OBU's TAXII client: it notes the ids of the anomaly summaries (STIX
/// <c>observed-data</c>) that the OBU posts (TAXII 2.1 §5.5 Add Objects) and that the hub's answer lists among the
/// status's <c>successes</c> (TAXII 2.1 §4.3.1: a 202 status also lists refused objects under <c>failures</c>), and
/// when the first such answer came. The demo compares them with what the hub holds.
/// </summary>
public sealed class PostedSummaries : DelegatingHandler
{
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private DateTimeOffset? _firstAcceptedAt;

    /// <summary>A recorder in front of <paramref name="inner"/>, timing with <paramref name="clock"/>.</summary>
    public PostedSummaries(HttpMessageHandler inner, TimeProvider clock)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    /// <summary>Ids of the posted summaries the hub's status listed as successes.</summary>
    public IReadOnlySet<string> Ids
    {
        get
        {
            lock (_lock)
            {
                return new HashSet<string>(_ids, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>When the hub first listed a posted summary among a status's successes (null: never).</summary>
    public DateTimeOffset? FirstAcceptedAt
    {
        get
        {
            lock (_lock)
            {
                return _firstAcceptedAt;
            }
        }
    }

    /// <summary>The ids of the <c>observed-data</c> objects of a TAXII envelope; none when it is not one.</summary>
    public static IReadOnlyList<string> SummaryIds(string envelope)
    {
        try
        {
            return JsonNode.Parse(envelope) is JsonObject { } root && root["objects"] is JsonArray objects
                ? [.. objects.OfType<JsonObject>()
                    .Where(o => o["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "observed-data")
                    .Select(o => o["id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null)
                    .OfType<string>()]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The object ids a TAXII status lists under <c>successes</c> (TAXII 2.1 §4.3.1, §4.3.2); none when it is not one.</summary>
    public static IReadOnlySet<string> SuccessIds(string status)
    {
        try
        {
            return JsonNode.Parse(status) is JsonObject { } root && root["successes"] is JsonArray successes
                ? new HashSet<string>(successes.OfType<JsonObject>()
                    .Select(o => o["id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null)
                    .OfType<string>(), StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<string> ids = [];
        if (request.Method == HttpMethod.Post && request.Content is not null && request.RequestUri?.AbsolutePath.EndsWith("/objects/", StringComparison.Ordinal) == true)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            ids = SummaryIds(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (ids.Count > 0 && response.IsSuccessStatusCode)
        {
            // TAXII 2.1 §5.5: the 202 answer carries a status; only the objects under its successes were stored.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var successes = SuccessIds(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            ids = [.. ids.Where(successes.Contains)];
        }
        else
        {
            ids = [];
        }

        if (ids.Count > 0)
        {
            var now = _clock.GetUtcNow();
            lock (_lock)
            {
                _ids.UnionWith(ids);
                _firstAcceptedAt ??= now;
            }
        }

        return response;
    }
}
