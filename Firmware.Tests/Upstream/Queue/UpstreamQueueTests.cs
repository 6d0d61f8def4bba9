using System.Text.Json.Nodes;
using Cti.Sharing;
using Firmware.Upstream.Desensitising;
using Firmware.Upstream.Queue;
using Hardware.Random;
using Microsoft.Extensions.Time.Testing;
using Testing;

namespace Firmware.Tests.Upstream.Queue;

/// <summary>
/// The store-and-forward queue: a report's summaries and the cursor commit together and survive a
/// reopen; duplicates are recognised; a full queue drops the lowest-severity oldest summary and
/// counts it; settlement follows the hub's verdict; refused inputs change nothing; a file that is not
/// a queue is one typed error.
/// </summary>
public sealed class UpstreamQueueTests : IDisposable
{
    private readonly string _dir = TestInfra.NewTempDirectory("upstream-queue");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private string QueuePath => Path.Combine(_dir, "queue.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private UpstreamQueue Open(int capacity = 100) => UpstreamQueue.Open(QueuePath, capacity, _time, SystemRandomSource.Instance);

    private static OutboundSummary Summary(int n, AnomalySeverity severity = AnomalySeverity.Anomaly) =>
        new($"observed-data--00000000-0000-4000-8000-{n:x12}", severity,
            [new JsonObject { ["type"] = "observed-data", ["id"] = $"observed-data--00000000-0000-4000-8000-{n:x12}", ["n"] = n }]);

    private static DesensitisedReport Report(params OutboundSummary[] ready) => new(ready, [], 0, 0);

    [Fact]
    public void A_reports_summaries_and_the_cursor_commit_together_and_survive_reopening()
    {
        byte[] key;
        using (var q = Open())
        {
            key = q.PseudonymKey;
            q.CommitReport(3, new DesensitisedReport([Summary(1), Summary(2, AnomalySeverity.Compromise)], [new BlockedSummary("network", "x", [])], 2, 1));
        }

        using var reopened = Open();
        var s = reopened.Snapshot();
        Assert.Equal((2, 3UL), (s.Pending, s.ReportCursor));
        Assert.Equal(key, reopened.PseudonymKey);
        Assert.Equal((1, 2, 1, 2, 1), (s.Count(QueueCounters.ReportsRead), s.Count(QueueCounters.Enqueued), s.Count(QueueCounters.Blocked), s.Count(QueueCounters.Withheld), s.Count(QueueCounters.Truncated)));
        var pending = reopened.Pending(10);
        Assert.Equal([Summary(2).ObservedDataId, Summary(1).ObservedDataId], pending.Select(p => p.Id));
        Assert.Equal(2, (int)pending[1].Objects()[0]["n"]! + 1);
    }

    [Theory]
    [InlineData(3UL)]
    [InlineData(2UL)]
    public void A_report_not_after_the_cursor_is_a_callers_mistake_and_changes_nothing(ulong sequence)
    {
        using var q = Open();
        q.CommitReport(3, Report(Summary(1)));
        var before = q.Snapshot();
        Assert.Throws<ArgumentException>(() => q.CommitReport(sequence, Report(Summary(2))));
        Assert.Equal(before.Pending, q.Snapshot().Pending);
        Assert.Equal(before.Counters, q.Snapshot().Counters);
        Assert.Equal(3UL, q.ReportCursor);
    }

    [Fact]
    public void A_summary_already_known_is_counted_as_a_duplicate_even_after_delivery()
    {
        using var q = Open();
        q.CommitReport(1, Report(Summary(1)));
        q.CommitReport(2, Report(Summary(1)));
        q.Settle([new Settlement(Summary(1).ObservedDataId, SummaryState.Delivered)]);
        q.CommitReport(3, Report(Summary(1)));
        var s = q.Snapshot();
        Assert.Equal((0, 1, 2L, 3UL), (s.Pending, s.Delivered, s.Count(QueueCounters.Duplicates), s.ReportCursor));
    }

    public static TheoryData<string, AnomalySeverity[], AnomalySeverity, string> Full => new()
    {
        // Waiting (oldest first) → the new one → what is left (summary numbers; the new one is 9).
        { "a compromise drops the oldest anomaly", [AnomalySeverity.Anomaly, AnomalySeverity.HighAnomaly, AnomalySeverity.Anomaly], AnomalySeverity.Compromise, "2,3,9" },
        { "an anomaly drops the oldest anomaly", [AnomalySeverity.HighAnomaly, AnomalySeverity.Anomaly, AnomalySeverity.Anomaly], AnomalySeverity.Anomaly, "1,3,9" },
        { "an anomaly is dropped itself among high anomalies", [AnomalySeverity.HighAnomaly, AnomalySeverity.HighAnomaly, AnomalySeverity.Compromise], AnomalySeverity.Anomaly, "1,2,3" },
    };

    [Theory]
    [MemberData(nameof(Full))]
    public void A_full_queue_drops_the_lowest_severity_oldest_and_counts_it(string name, AnomalySeverity[] waiting, AnomalySeverity incoming, string left)
    {
        using var q = Open(capacity: 3);
        for (var i = 0; i < waiting.Length; i++)
        {
            q.CommitReport((ulong)i + 1, Report(Summary(i + 1, waiting[i])));
        }

        q.CommitReport(10, Report(Summary(9, incoming)));
        var ids = q.Pending(10).Select(p => int.Parse(p.Id[^12..], System.Globalization.NumberStyles.HexNumber)).Order();
        Assert.True(left == string.Join(",", ids), $"{name}: {string.Join(",", ids)}");
        Assert.Equal(1, q.Snapshot().Count(QueueCounters.Dropped));
        Assert.Equal(10UL, q.ReportCursor);
    }

    [Fact]
    public void Settlement_follows_the_hubs_verdict_and_counts_each_summary_once()
    {
        using var q = Open();
        q.CommitReport(1, Report(Summary(1), Summary(2), Summary(3)));
        q.Settle([
            new Settlement(Summary(1).ObservedDataId, SummaryState.Delivered, null, 1),
            new Settlement(Summary(2).ObservedDataId, SummaryState.Refused, "refused: plate"),
            new Settlement(Summary(3).ObservedDataId, SummaryState.Pending),
        ]);
        q.Settle([new Settlement(Summary(1).ObservedDataId, SummaryState.Delivered)]);
        var s = q.Snapshot();
        Assert.Equal((1, 1, 1), (s.Pending, s.Delivered, s.Refused));
        Assert.Equal((1, 1, 1), (s.Count(QueueCounters.Delivered), s.Count(QueueCounters.Refused), s.Count(QueueCounters.HubScrubbed)));
        Assert.Equal(1, Assert.Single(q.Pending(10)).Attempts);
    }

    [Fact]
    public void Settled_summaries_are_forgotten_after_the_retention_and_waiting_ones_never()
    {
        using var q = Open();
        q.CommitReport(1, Report(Summary(1), Summary(2)));
        q.Settle([new Settlement(Summary(1).ObservedDataId, SummaryState.Delivered)]);
        Assert.Equal(0, q.ForgetSettled(_time.GetUtcNow()));
        _time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, q.ForgetSettled(_time.GetUtcNow().AddDays(-2)));
        Assert.Equal((1, 0), (q.Snapshot().Pending, q.Snapshot().Delivered));
    }

    [Fact]
    public void The_indicator_cursor_moves_with_its_counters()
    {
        using (var q = Open())
        {
            Assert.Null(q.IndicatorCursor);
            q.CommitIndicatorPage(_time.GetUtcNow(), (QueueCounters.IndicatorsDeployed, 2));
        }

        using var reopened = Open();
        Assert.Equal(_time.GetUtcNow(), reopened.IndicatorCursor);
        Assert.Equal(2, reopened.Snapshot().Count(QueueCounters.IndicatorsDeployed));
    }

    public static TheoryData<string, byte[]> NotQueues => new()
    {
        { "random bytes", Enumerable.Range(0, 4096).Select(i => (byte)(i * 31)).ToArray() },
        { "a text file", "not a database at all\n"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(NotQueues))]
    public void A_file_that_is_not_a_queue_is_one_typed_error(string name, byte[] content)
    {
        File.WriteAllBytes(QueuePath, content);
        var e = Assert.Throws<UpstreamQueueException>(() => Open());
        Assert.Contains(QueuePath, e.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllBytes(QueuePath));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void A_queue_of_another_schema_version_is_refused()
    {
        using (var q = Open())
        {
            q.CommitReport(1, Report(Summary(1)));
        }

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={QueuePath};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "UPDATE settings SET value = x'0000000000000009' WHERE name = 'schema'";
            cmd.ExecuteNonQuery();
        }

        Assert.Throws<UpstreamQueueException>(() => Open());
    }
}
