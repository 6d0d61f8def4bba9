using Firmware.SecurePartition.Detection;
using Firmware.Tests.Upstream.Support;
using Firmware.Upstream;
using Firmware.Upstream.Queue;
using Hardware.Random;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Testing;
using V2x.Integrity;

namespace Firmware.Tests.Upstream.EndToEnd;

/// <summary>
/// Fail closed at the forwarder (ITU-T X.1382 §9.3.2.3 f): a summary the leak check stops is not
/// queued and not sent, it is counted, and the log names the detector, class, kind and JSON path but
/// never the value; the other summaries of the same report still go, and the cursor moves on.
/// </summary>
public sealed class BlockedSummaryTests : IDisposable
{
    private const string Imei = "490154203237518"; // 3GPP TS 23.003 example IMEI with its Luhn digit

    private readonly string _dir = TestInfra.NewTempDirectory("upstream-blocked");
    private readonly FakeTimeProvider _time = new(ForwarderChild.FirstReport.AddMinutes(5));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_blocked_summary_is_counted_and_logged_without_its_value_and_nothing_of_it_leaves()
    {
        await using var hub = await UpstreamHub.StartAsync(HubBackend.Sqlite, _time);
        using var http = new HttpClient();
        var log = new ReportLog();
        var logger = new ListLogger();
        await using var forwarder = new UpstreamForwarder(ForwarderChild.Options(Path.Combine(_dir, "queue.db"), hub.AnomaliesCollection), log, null,
            hub.ObuClient(http, _time), null, _time, SystemRandomSource.Instance, logger);
        log.Append(Reports.With(ForwarderChild.FirstReport.AddSeconds(7),
            Reports.RogueProcess(),
            (DetectorFlags.Network, new Evidence("network.throughput", "eth0", IntegrityLevel.HighAnomaly, "modem " + Imei, double.Parse(Imei, System.Globalization.CultureInfo.InvariantCulture), 65536, 1048576))));

        var cycle = await forwarder.RunCycleAsync();

        Assert.Empty(cycle.Errors);
        var q = forwarder.Status.Queue;
        Assert.Equal((1UL, 1L, 1L, 1L), (q.ReportCursor, q.Count(QueueCounters.Blocked), q.Count(QueueCounters.Enqueued), q.Count(QueueCounters.Delivered)));
        var warning = Assert.Single(logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("network/network-throughput", warning.Text, StringComparison.Ordinal);
        Assert.Contains("imei-imsi at $", warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Imei, string.Join('\n', logger.Lines.Select(l => l.Text)), StringComparison.Ordinal);
        var stored = string.Join('\n', await hub.StoredTextAsync());
        Assert.DoesNotContain(Imei, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("network-throughput", stored, StringComparison.Ordinal);
        Assert.Contains("process-unexpected", stored, StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger
    {
        private readonly Lock _lock = new();

        public List<(LogLevel Level, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lock)
            {
                Lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
