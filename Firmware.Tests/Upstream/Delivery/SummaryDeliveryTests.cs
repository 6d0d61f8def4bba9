using System.Text.Json.Nodes;
using Cti.Sharing;
using Firmware.Tests.Upstream.Support;
using Firmware.Upstream.Delivery;
using Firmware.Upstream.Desensitising;
using Firmware.Upstream.Queue;
using Hardware.Random;
using Microsoft.Extensions.Time.Testing;
using Testing;

namespace Firmware.Tests.Upstream.Delivery;

/// <summary>
/// Delivery settles each summary from the hub's status (TAXII 2.1 §4.3) against the real hub
/// (SQLite): accepted and "already present" summaries are delivered, a summary the hub's
/// desensitisation refuses is refused with the hub's reason and not resent, while the others in the
/// same envelope are delivered; an unreachable hub leaves everything pending and counts the failure.
/// </summary>
public sealed class SummaryDeliveryTests : IDisposable
{
    private static readonly DateTimeOffset Start = ForwarderChild.FirstReport;

    private readonly string _dir = TestInfra.NewTempDirectory("upstream-delivery");
    private readonly FakeTimeProvider _time = new(Start.AddHours(1));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string, string[], (int Delivered, int Refused, int Pending)> Rows => new()
    {
        { "new summaries", ["ok", "ok", "ok"], (3, 0, 0) },
        { "a summary the hub already has", ["present", "ok"], (2, 0, 0) },
        { "a summary with a VIN the hub refuses, among good ones", ["ok", "vin", "ok"], (2, 1, 0) },
        { "only a refused summary", ["vin"], (0, 1, 0) },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_summary_is_settled_from_the_hubs_status(string name, string[] kinds, (int Delivered, int Refused, int Pending) expected)
    {
        await using var hub = await UpstreamHub.StartAsync(HubBackend.Sqlite, _time);
        using var http = new HttpClient();
        using var queue = UpstreamQueue.Open(Path.Combine(_dir, "queue.db"), 100, _time, SystemRandomSource.Instance);
        var summaries = kinds.Select((kind, i) => Summary(queue, i, kind)).ToList();
        foreach (var present in summaries.Where((_, i) => kinds[i] == "present"))
        {
            Assert.Equal(present.Objects.Count, (await hub.ObuClient(http, _time).AddObjectsAsync(hub.AnomaliesCollection, present.Objects)).SuccessCount);
        }

        queue.CommitReport(1, new DesensitisedReport(summaries, [], 0, 0));
        var delivery = new SummaryDelivery(hub.ObuClient(http, _time), hub.AnomaliesCollection, queue);
        var result = await delivery.DeliverAsync(10, CancellationToken.None);

        Assert.True((expected.Delivered, expected.Refused, expected.Pending) == (result.Delivered, result.Refused, result.StillPending), $"{name}: {result}");
        Assert.Null(result.Failure);
        var snapshot = queue.Snapshot();
        Assert.Equal((expected.Pending, expected.Delivered, expected.Refused), (snapshot.Pending, snapshot.Delivered, snapshot.Refused));
        Assert.Equal((expected.Delivered, expected.Refused), ((int)snapshot.Count(QueueCounters.Delivered), (int)snapshot.Count(QueueCounters.Refused)));

        // Nothing settled is sent again.
        var again = await delivery.DeliverAsync(10, CancellationToken.None);
        Assert.Equal((0, 0, 0), (again.Delivered, again.Refused, again.StillPending));
    }

    [Fact]
    public async Task An_unreachable_hub_leaves_everything_pending()
    {
        var hub = await UpstreamHub.StartAsync(HubBackend.Sqlite, _time);
        var client = hub.ObuClient(new HttpClient(), _time);
        var collection = hub.AnomaliesCollection;
        await hub.DisposeAsync();
        using var queue = UpstreamQueue.Open(Path.Combine(_dir, "queue.db"), 100, _time, SystemRandomSource.Instance);
        queue.CommitReport(1, new DesensitisedReport([Summary(queue, 0, "ok"), Summary(queue, 1, "ok")], [], 0, 0));

        var result = await new SummaryDelivery(client, collection, queue).DeliverAsync(10, CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Equal((0, 0, 2), (result.Delivered, result.Refused, result.StillPending));
        var snapshot = queue.Snapshot();
        Assert.Equal((2, 1L), (snapshot.Pending, snapshot.Count(QueueCounters.DeliveryFailures)));
        Assert.All(queue.Pending(10), s => Assert.Equal(0, s.Attempts));
    }

    // A real summary of report i (one a minute); "vin" plants a VIN in its evidence, as a builder bug would.
    private static OutboundSummary Summary(UpstreamQueue queue, int i, string kind)
    {
        var options = ForwarderChild.Options("unused", "c");
        var report = Reports.With(Start.AddMinutes(i).AddSeconds(7), Reports.RogueProcess());
        var ready = Assert.Single(new Desensitiser(options, queue.PseudonymKey).Desensitise(report, Start.AddHours(1), null).Ready);
        if (kind == "vin")
        {
            var observed = ready.Objects.Single(o => (string?)o["type"] == "observed-data");
            ((JsonObject)observed["extensions"]![AnomalyExtension.Id]!)["evidence"] = "rule=process-unexpected vin 1M8GDM9AXKP042788";
        }

        return ready;
    }
}
