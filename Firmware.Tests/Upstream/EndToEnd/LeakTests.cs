using System.Buffers;
using Firmware.Tests.Upstream.Support;
using Firmware.Upstream;
using Firmware.Upstream.Queue;
using Hardware.Random;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Testing;

namespace Firmware.Tests.Upstream.EndToEnd;

/// <summary>
/// The leak test (issue 6 item 7): detailed reports salted with VINs, plates, IMEI/IMSI, precise
/// coordinates and personal names (<see cref="SaltedReports"/>), with a precise position source, go
/// through the forwarder to the real hub; then every text value stored in the hub's database and in
/// the OBU's queue database is searched for every salted value: none is found. 10,000 reports on a
/// SQLite hub; 1,000 on PostgreSQL (the hub's backend does not change what leaves the OBU, and
/// PostgreSQL ingest on this machine is about four times slower).
/// </summary>
public sealed class LeakTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _dir = TestInfra.NewTempDirectory("upstream-leak");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<HubBackend, int> Rows => new()
    {
        { HubBackend.Sqlite, 10_000 },
        { HubBackend.Postgres, 1_000 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task No_salted_value_of_any_report_leaves_the_obu(HubBackend backend, int reportCount)
    {
        var time = new FakeTimeProvider(Start.AddMinutes(reportCount + 1));
        await using var hub = await UpstreamHub.StartAsync(backend, time);
        using var http = new HttpClient();
        var salted = new SaltedReports(seed: 1382, time);
        var log = new ReportLog();
        for (var n = 0; n < reportCount; n++)
        {
            log.Append(salted.Next(n, Start.AddMinutes(n).AddSeconds(n % 60)));
        }

        var queuePath = Path.Combine(_dir, "queue.db");
        var options = new UpstreamOptions
        {
            QueuePath = queuePath,
            CollectionId = hub.AnomaliesCollection,
            Make = "Acme",
            Model = "Roadster",
            TimeBucket = TimeSpan.FromMinutes(1),
            LocationCellDegrees = 0.1m,
            LocationMaxAge = TimeSpan.FromDays(30),
            QueueCapacity = 100_000,
            ReportsPerRead = 64,
            MaxReportsPerCycle = 2_000,
            MaxSummariesPerEnvelope = 500,
        };
        await using (var forwarder = new UpstreamForwarder(options, log, null, hub.ObuClient(http, time), salted, time, SystemRandomSource.Instance))
        {
            for (var cycles = 0; forwarder.Status.Queue.ReportCursor < (ulong)reportCount || forwarder.Status.Queue.Pending > 0; cycles++)
            {
                Assert.True(cycles < 50, "the forwarder does not make progress");
                var cycle = await forwarder.RunCycleAsync();
                Assert.Empty(cycle.Errors);
            }

            var q = forwarder.Status.Queue;
            Assert.Equal(reportCount, q.Count(QueueCounters.ReportsRead));
            Assert.True(q.Count(QueueCounters.Enqueued) >= reportCount, $"at least one summary per report: {q.Count(QueueCounters.Enqueued)}");
            Assert.Equal(q.Count(QueueCounters.Enqueued), q.Count(QueueCounters.Delivered));
            Assert.True(q.Count(QueueCounters.Withheld) > 0, "salted subjects were withheld");
            Assert.Equal(0, q.Count(QueueCounters.Refused));
            Assert.Equal(0, q.Count(QueueCounters.HubScrubbed));
        }

        var hubText = await hub.StoredTextAsync();
        var queueText = QueueText(queuePath);
        Assert.True(salted.FixesRead > 0 && salted.Needles.Count > 5 * reportCount, $"{salted.Needles.Count} needles");

        // Controls: the scanner sees real content (an image hash of a finding, coarse grid locations, public peers).
        var finder = SearchValues.Create([.. salted.Needles, .. SaltedReports.Surnames], StringComparison.OrdinalIgnoreCase);
        foreach (var (name, texts) in new[] { ("hub database", hubText), ("queue database", queueText) })
        {
            var all = string.Join('\n', texts);
            Assert.Contains(SaltedReports.ImageHash(1), all, StringComparison.Ordinal);
            Assert.Contains("\"location\"", all, StringComparison.Ordinal);
            Assert.Contains("203.0.113.", all, StringComparison.Ordinal);
            var at = all.AsSpan().IndexOfAny(finder);
            Assert.True(at < 0, $"{name}: a salted value leaked: …{(at < 0 ? "" : all.Substring(Math.Max(0, at - 60), Math.Min(160, all.Length - Math.Max(0, at - 60))))}…");
        }
    }

    [Fact]
    public void The_scanner_finds_a_salted_value_planted_in_text()
    {
        var salted = new SaltedReports(seed: 7, TimeProvider.System);
        salted.Next(0, Start);
        var needle = salted.Needles.First();
        var finder = SearchValues.Create([.. salted.Needles, .. SaltedReports.Surnames], StringComparison.OrdinalIgnoreCase);
        Assert.True("{\"evidence\":\"clean\"}".AsSpan().IndexOfAny(finder) < 0);
        Assert.True(("{\"evidence\":\"x" + needle.ToLowerInvariant() + "y\"}").AsSpan().IndexOfAny(finder) >= 0);
        Assert.True("driver papadopoulos".AsSpan().IndexOfAny(finder) >= 0);
    }

    private static List<string> QueueText(string path)
    {
        var texts = new List<string>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    switch (reader.IsDBNull(i) ? null : reader.GetValue(i))
                    {
                        case string s:
                            texts.Add(s);
                            break;
                        case byte[] b:
                            texts.Add(System.Text.Encoding.Latin1.GetString(b));
                            break;
                    }
                }
            }
        }

        return texts;
    }
}
