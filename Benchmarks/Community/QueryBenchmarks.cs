using BenchmarkDotNet.Attributes;

namespace Benchmarks.Community;

/// <summary>
/// Query latency of the hub over TAXII on loopback HTTP with 100,000 stored objects: a page of 100
/// objects after a random added_after, one object by id, a manifest page filtered by type.
/// Every answer is access-checked (TLP, X.1382 Table 1) and value-scored for the reader.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class QueryBenchmarks
{
    private BenchHub? _hub;
    private int _i;

    [Params("SQLite", "PostgreSQL")]
    public string Backend { get; set; } = "SQLite";

    [GlobalSetup]
    public void Setup() => _hub = BenchHub.StartAsync(Backend).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _hub!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task<int> ObjectsPageAfterCursor()
    {
        var cursor = _hub!.Cursors[_i++ % _hub.Cursors.Count];
        var body = await _hub.Client.GetStringAsync($"{_hub.ObjectsUrl}?limit=100&added_after={Uri.EscapeDataString(cursor)}");
        return body.Length;
    }

    [Benchmark]
    public async Task<int> ObjectById()
    {
        var id = _hub!.SampleIds[_i++ % _hub.SampleIds.Count];
        var body = await _hub.Client.GetStringAsync($"{_hub.ObjectsUrl}{id}/");
        return body.Length;
    }

    [Benchmark]
    public async Task<int> ManifestPageOfType()
    {
        var cursor = _hub!.Cursors[_i++ % _hub.Cursors.Count];
        var body = await _hub.Client.GetStringAsync($"/hub/collections/{_hub.CollectionId}/manifest/?limit=100&match[type]=observed-data&added_after={Uri.EscapeDataString(cursor)}");
        return body.Length;
    }
}
