using System.Globalization;
using System.Text.Json.Nodes;
using Cti.Stix;

namespace Cti.Tests.Taxii.Server;

/// <summary>
/// A TAXII 2.1 collection <c>c1</c> under API root <c>/api1/</c> on <see cref="LoopbackHttpServer"/>: objects and
/// manifest endpoints over a fixed data set in date_added order, paged as <see cref="ServerBehaviour"/> says.
/// </summary>
internal sealed class ScriptedTaxiiServer : IAsyncDisposable
{
    private readonly IReadOnlyList<(JsonObject Object, DateTimeOffset DateAdded)> _items;
    private readonly ServerBehaviour _behaviour;
    private readonly Dictionary<string, State> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly LoopbackHttpServer _http;
    private int _issued;

    public ScriptedTaxiiServer(IReadOnlyList<(JsonObject Object, DateTimeOffset DateAdded)> items, ServerBehaviour behaviour)
    {
        _items = items.OrderBy(i => i.DateAdded).ToList();
        _behaviour = behaviour;
        _http = new LoopbackHttpServer(Handle);
    }

    public Uri ApiRoot => new(_http.BaseAddress, "/api1/");

    public IReadOnlyList<ServerRequest> Requests => _http.Requests.ToList();

    /// <summary>
    /// <paramref name="count"/> note objects whose date_added come in groups of <paramref name="sharing"/> equal values, one millisecond apart.
    /// </summary>
    public static List<(JsonObject, DateTimeOffset)> Notes(int count, int sharing, DateTimeOffset start) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var created = StixTimestamp.Format(start.AddMinutes(-1).AddMilliseconds(i));
            var note = new JsonObject
            {
                ["type"] = "note",
                ["spec_version"] = "2.1",
                ["id"] = "note--" + new Guid(i, 0x1234, 0x4567, 0x89, 0xab, 0, 0, 0, 0, 0, 1).ToString("D"),
                ["created"] = created,
                ["modified"] = created,
                ["content"] = "note " + i.ToString(CultureInfo.InvariantCulture),
                ["object_refs"] = new JsonArray("identity--e4a3d9a7-38df-4c08-9d7b-b2ab14d9f1d3"),
            };
            return (note, start.AddMilliseconds(i / sharing));
        }).ToList();

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    private ServerResponse Handle(ServerRequest request)
    {
        lock (_lock)
        {
            var manifest = request.Path.EndsWith("/manifest/", StringComparison.Ordinal);
            if (!manifest && !request.Path.EndsWith("/collections/c1/objects/", StringComparison.Ordinal))
            {
                return new ServerResponse(404, """{"title":"not found"}""");
            }

            int? limit = request.Query.TryGetValue("limit", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : null;
            State state;
            if (request.Query.TryGetValue("next", out var next))
            {
                if (_behaviour.NextRequiresLimit && limit is null)
                {
                    return new ServerResponse(500, """{"title":"Internal Server Error"}""");
                }

                if (!_tokens.TryGetValue(next, out state!) || (_behaviour.NextExpiresAfterUses is { } max && ++state.Uses > max))
                {
                    _tokens.Remove(next);
                    return new ServerResponse(_behaviour.RefusedNextStatus, """{"title":"The server did not understand the request or filter parameters: 'next' not valid"}""");
                }
            }
            else
            {
                var after = request.Query.TryGetValue("added_after", out var a) ? StixTimestamp.Parse(a) : DateTimeOffset.MinValue;
                state = new State { Remaining = new Queue<int>(Enumerable.Range(0, _items.Count).Where(i => _items[i].DateAdded > after)) };
                state.Token = Issue(state);
            }

            return Serve(state, limit, manifest);
        }
    }

    private ServerResponse Serve(State state, int? limit, bool manifest)
    {
        if (state.EmptyPending)
        {
            state.EmptyPending = false;
            return new ServerResponse(200, $$"""{"more":true,"next":"{{state.Token}}"}""");
        }

        var page = new List<int>();
        var take = Math.Min(limit ?? _behaviour.MaxLimit, _behaviour.MaxLimit);
        while (page.Count < take && state.Remaining.TryDequeue(out var i))
        {
            page.Add(i);
        }

        var more = state.Remaining.Count > 0;
        if (!more)
        {
            _tokens.Remove(state.Token);
        }
        else if (!_behaviour.OneTokenPerQuery)
        {
            _tokens.Remove(state.Token);
            state.Token = Issue(state);
        }

        state.EmptyPending = more && _behaviour.EmptyPageBetween;
        var body = new JsonObject();
        if (more)
        {
            body["more"] = true;
            if (!_behaviour.OmitNext)
            {
                body["next"] = state.Token;
            }
        }
        else
        {
            body["more"] = false;
        }

        body["objects"] = new JsonArray(page.Select(i => manifest
            ? new JsonObject
            {
                ["id"] = _items[i].Object["id"]!.GetValue<string>(),
                ["date_added"] = StixTimestamp.FormatMicroseconds(_items[i].DateAdded),
                ["version"] = _items[i].Object["modified"]!.GetValue<string>(),
                ["media_type"] = "application/stix+json;version=2.1",
            }
            : (JsonNode)_items[i].Object.DeepClone()).ToArray());
        var headers = new Dictionary<string, string>();
        if (_behaviour.DateAddedHeaders && page.Count > 0)
        {
            headers["X-TAXII-Date-Added-First"] = StixTimestamp.FormatMicroseconds(_items[page[0]].DateAdded);
            headers["X-TAXII-Date-Added-Last"] = StixTimestamp.FormatMicroseconds(_items[page[^1]].DateAdded);
        }

        return new ServerResponse(200, body.ToJsonString(), headers);
    }

    private string Issue(State state)
    {
        var token = "n" + (++_issued).ToString(CultureInfo.InvariantCulture);
        _tokens[token] = state;
        return token;
    }

    private sealed class State
    {
        public required Queue<int> Remaining { get; init; }

        public string Token { get; set; } = string.Empty;

        public int Uses { get; set; }

        public bool EmptyPending { get; set; }
    }
}
