using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Benchmarks.Community;

/// <summary>
/// Ingest rate of the hub over TAXII on loopback HTTP: one POST of an envelope of fresh anomaly
/// summaries (observed-data with its observable; validation, desensitisation, storage, merging into
/// indicators and sightings) into a store already holding 100,000 objects. The reported time is
/// per object (OperationsPerInvoke), so objects per second = 1 s / Mean.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 8)]
public class IngestBenchmarks
{
    private const int SummariesPerPost = 500;
    private BenchHub? _hub;
    private int _next;

    [Params("SQLite", "PostgreSQL")]
    public string Backend { get; set; } = "SQLite";

    [GlobalSetup]
    public void Setup()
    {
        _hub = BenchHub.StartAsync(Backend).GetAwaiter().GetResult();
        _next = 50_000_000 + (Environment.ProcessId % 1000 * 100_000);
    }

    [GlobalCleanup]
    public void Cleanup() => _hub!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Objects in one envelope: 500 summaries plus their (mostly shared) observables.</summary>
    [Benchmark(OperationsPerInvoke = SummariesPerPost)]
    public async Task PostSummaries()
    {
        var objects = BenchHub.Summaries(_next, SummariesPerPost);
        _next += SummariesPerPost;
        using var content = BenchHub.Envelope(objects);
        using var response = await _hub!.Client.PostAsync(_hub.ObjectsUrl, content);
        response.EnsureSuccessStatusCode();
    }
}
