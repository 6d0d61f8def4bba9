using System.Threading.Channels;
using Firmware.Tests.Upstream.Support;
using Firmware.Upstream;
using Hardware.Random;
using Microsoft.Extensions.Time.Testing;
using Testing;

namespace Firmware.Tests.Upstream.EndToEnd;

/// <summary>
/// The forwarder's own loop on a fake clock against the hub (SQLite): the first cycle runs at once,
/// the next after the cycle interval; a failed cycle waits a backoff within the first step's bounds
/// instead; after the hub is back the loop delivers and returns to the interval; StopAsync stops
/// it with the queue intact, and starting twice is a caller's mistake.
/// </summary>
public sealed class ForwarderLoopTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(2);

    private readonly string _dir = TestInfra.NewTempDirectory("upstream-loop");
    private readonly FakeTimeProvider _time = new(ForwarderChild.FirstReport.AddMinutes(1));
    private readonly Channel<UpstreamCycle> _cycles = Channel.CreateUnbounded<UpstreamCycle>();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_loop_runs_on_the_interval_backs_off_after_a_failure_and_stops()
    {
        await using var hub = await UpstreamHub.StartAsync(HubBackend.Sqlite, _time);
        using var http = new HttpClient();
        var log = new ReportLog();
        var options = ForwarderChild.Options(Path.Combine(_dir, "queue.db"), hub.AnomaliesCollection) with
        {
            CycleInterval = Interval,
            InitialBackoff = FirstBackoff,
            MaxBackoff = TimeSpan.FromMinutes(1),
        };
        await using var forwarder = new UpstreamForwarder(options, log, null, hub.ObuClient(http, _time), null, _time, SystemRandomSource.Instance);
        forwarder.CycleCompleted += c => _cycles.Writer.TryWrite(c);
        log.Append(Reports.With(ForwarderChild.FirstReport.AddSeconds(7), Reports.RogueProcess()));

        forwarder.Start();
        Assert.Throws<InvalidOperationException>(forwarder.Start);
        var first = await NextAsync();
        Assert.Equal((1, 1, false), (first.ReportsRead, first.Delivery.Delivered, first.Failed));
        Assert.Equal(first.StartedAt + Interval, first.NextCycleAt);
        Assert.True(forwarder.Status.Running);

        await hub.StopAsync();
        log.Append(Reports.With(ForwarderChild.FirstReport.AddMinutes(1).AddSeconds(7), Reports.RogueProcess()));
        var failed = await NextAsync(first.NextCycleAt);
        Assert.True(failed.StartedAt >= first.NextCycleAt, "not before the interval");
        Assert.True(failed.Failed);
        var backoff = failed.NextCycleAt - failed.StartedAt;
        Assert.True(backoff >= FirstBackoff / 2 && backoff <= FirstBackoff, $"first backoff {backoff}");
        Assert.Equal(1, forwarder.Status.Queue.Pending);

        await hub.RestartAsync();
        var recovered = await NextAsync(failed.NextCycleAt);
        Assert.True(recovered.StartedAt >= failed.NextCycleAt, "not before the backoff");
        Assert.Equal((1, false), (recovered.Delivery.Delivered, recovered.Failed));
        Assert.Equal(recovered.StartedAt + Interval, recovered.NextCycleAt);

        await forwarder.StopAsync();
        var status = forwarder.Status;
        Assert.Equal((false, (DateTimeOffset?)null, 0, 2UL), (status.Running, status.NextCycleAt, status.Queue.Pending, status.Queue.ReportCursor));
    }

    // The next cycle the loop completes. The fake clock is moved to the due time of the last cycle;
    // should the loop register its delay just after that move (a narrow race), the clock is moved on
    // a second at a time. The real-time wait is only a guard against a loop that never comes.
    private async Task<UpstreamCycle> NextAsync(DateTimeOffset? due = null)
    {
        var next = _cycles.Reader.ReadAsync().AsTask();
        if (due is { } at && at > _time.GetUtcNow())
        {
            _time.Advance(at - _time.GetUtcNow());
        }

        for (var guard = 0; guard < 40 && !next.IsCompleted; guard++)
        {
            if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(500))) != next && due is not null)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return next.IsCompleted ? await next : throw new Xunit.Sdk.XunitException("the loop ran no cycle");
    }
}
