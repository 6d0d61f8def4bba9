using Cti.Stix;
using Firmware.Tests.Upstream.Support;
using Firmware.Upstream;
using Firmware.Upstream.Queue;
using Hardware.Random;
using Microsoft.Extensions.Time.Testing;
using Testing;

namespace Firmware.Tests.Upstream.EndToEnd;

/// <summary>
/// The forwarder against the real hub (Community/ on Kestrel), on SQLite and on PostgreSQL: summaries
/// reach the hub once each; while the hub is down the partition keeps producing, nothing is lost and
/// the cycles back off; once it is back every waiting summary is delivered, and the hub holds each
/// summary exactly once and counts each report exactly once in its merged sighting.
/// </summary>
public sealed class HubOutageTests : IDisposable
{
    private readonly string _dir = TestInfra.NewTempDirectory("upstream-outage");
    private readonly FakeTimeProvider _time = new(ForwarderChild.FirstReport);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<HubBackend> Backends => new(HubBackend.Sqlite, HubBackend.Postgres);

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_hub_outage_loses_nothing_and_duplicates_nothing(HubBackend backend)
    {
        await using var hub = await UpstreamHub.StartAsync(backend, _time);
        using var http = new HttpClient();
        var log = new ReportLog();
        await using var forwarder = new UpstreamForwarder(ForwarderChild.Options(Path.Combine(_dir, "queue.db"), hub.AnomaliesCollection), log, null,
            hub.ObuClient(http, _time), null, _time, SystemRandomSource.Instance);
        var produced = 0;

        void Produce(int count)
        {
            for (var i = 0; i < count; i++)
            {
                log.Append(Reports.With(ForwarderChild.FirstReport.AddMinutes(produced++).AddSeconds(7), Reports.RogueProcess()));
            }

            _time.Advance(TimeSpan.FromMinutes(count));
        }

        Produce(5);
        var first = await DrainAsync(forwarder);
        Assert.Empty(first.Errors);
        Assert.Equal((0, 5UL), (forwarder.Status.Queue.Pending, forwarder.Status.Queue.ReportCursor));

        await hub.StopAsync();
        var waits = new List<TimeSpan>();
        for (var round = 0; round < 3; round++)
        {
            Produce(4);
            var cycle = await forwarder.RunCycleAsync();
            Assert.True(cycle.Failed, $"round {round}: a cycle with the hub down reports the failure");
            Assert.Contains(cycle.Errors, e => e.StartsWith("delivering:", StringComparison.Ordinal));
            waits.Add(cycle.NextCycleAt - cycle.StartedAt);
            Assert.Equal((ulong)produced, forwarder.Status.Queue.ReportCursor);
        }

        Assert.Equal(12, forwarder.Status.Queue.Pending);
        Assert.Equal(3, forwarder.Status.FailuresInARow);
        Assert.True(waits[2] > waits[0], $"the backoff grows: {string.Join(", ", waits)}");

        await hub.RestartAsync();
        Produce(3);
        var after = await DrainAsync(forwarder);
        Assert.Empty(after.Errors);
        Assert.Equal(0, forwarder.Status.FailuresInARow);

        var queue = forwarder.Status.Queue;
        Assert.Equal((0, (ulong)produced), (queue.Pending, queue.ReportCursor));
        Assert.Equal(produced, queue.Count(QueueCounters.ReportsRead));
        Assert.Equal(produced, queue.Count(QueueCounters.Enqueued));
        Assert.Equal(produced, queue.Count(QueueCounters.Delivered));
        Assert.True(queue.Count(QueueCounters.DeliveryFailures) >= 3);
        await AssertHubHoldsEachOnceAsync(hub, produced);
    }

    /// <summary>The hub holds <paramref name="reports"/> summaries, each once, and one sighting that counted each once.</summary>
    internal static async Task AssertHubHoldsEachOnceAsync(UpstreamHub hub, int reports)
    {
        var observed = await hub.ReadAllAsync(hub.AnomaliesCollection, "observed-data");
        var ids = observed.Select(o => StixObject.GetString(o, "id")).ToList();
        Assert.Equal(reports, ids.Count);
        Assert.Equal(reports, ids.Distinct(StringComparer.Ordinal).Count());
        var sighting = Assert.Single(await hub.ReadAllAsync(hub.AnomaliesCollection, "sighting"));
        Assert.Equal(reports, (int)sighting["count"]!);
    }

    // Cycles until nothing is left to read or deliver (at most a bounded number, so a stuck forwarder fails the test).
    private async Task<UpstreamCycle> DrainAsync(UpstreamForwarder forwarder)
    {
        for (var i = 0; i < 50; i++)
        {
            var cycle = await forwarder.RunCycleAsync();
            var q = forwarder.Status.Queue;
            if (cycle.Failed || (cycle.ReportsRead == 0 && q.Pending == 0))
            {
                return cycle;
            }

            _time.Advance(cycle.NextCycleAt - _time.GetUtcNow());
        }

        throw new Xunit.Sdk.XunitException("the forwarder did not drain in 50 cycles");
    }
}
