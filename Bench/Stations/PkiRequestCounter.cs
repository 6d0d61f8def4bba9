using System.Collections.Concurrent;

namespace Bench.Stations;

/// <summary>
/// Counts a station's requests to the PKI service by kind (the first segment pair of the path: ea/enrolment,
/// aa/authorization, crl, certificates, ca), so the demo can show that the OBUs enrol, get tickets, fetch
/// certificates and refresh CRLs over HTTP as a vehicle does (ETSI TS 102 941 v1.4.1 §6.1).
/// </summary>
public sealed class PkiRequestCounter : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Counts what goes through <paramref name="inner"/>.</summary>
    public PkiRequestCounter(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>Requests so far by kind, sorted by kind.</summary>
    public IReadOnlyDictionary<string, int> Counts => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    /// <summary>The kind of a request path: "/crl/…" → "crl", "/ea/enrolment" → "ea/enrolment".</summary>
    public static string KindOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length switch
        {
            0 => "/",
            _ when segments[0] is "ea" or "aa" or "ma" && segments.Length > 1 => $"{segments[0]}/{segments[1]}",
            _ => segments[0],
        };
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _counts.AddOrUpdate(KindOf(request.RequestUri?.AbsolutePath ?? "/"), 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }
}
