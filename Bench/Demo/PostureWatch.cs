using Bench.Reporting;
using Bench.Stations;
using V2x.Integrity;

namespace Bench.Demo;

/// <summary>
/// The posture phase's books (issue 14, Build 8): when the advisory was published, and when the OBU it applies to first
/// polled a critical posture (its poller's answers); the receivers' side comes from the ledger (SummaryBuilder).
/// </summary>
internal sealed class PostureWatch
{
    private readonly BenchObu _obu;
    private readonly Lock _lock = new();
    private IReadOnlyList<string> _advisory = [];
    private DateTimeOffset? _publishedAt;
    private DateTimeOffset? _criticalPolledAt;

    public PostureWatch(BenchObu obu, TimeProvider clock)
    {
        _obu = obu;
        if (obu.Node.Posture is { } poller)
        {
            poller.Polled += status =>
            {
                if (status.Severity == PostureSeverity.Critical && status.LastPoll is not null)
                {
                    lock (_lock)
                    {
                        _criticalPolledAt ??= clock.GetUtcNow();
                    }
                }
            };
        }
    }

    /// <summary>Publishes the advisory at the posture server (<see cref="DemoPosture.PublishAdvisory"/>) and notes when.</summary>
    public IReadOnlyList<string> Publish(DemoPosture posture, DateTimeOffset now)
    {
        var advisory = posture.PublishAdvisory();
        lock (_lock)
        {
            _advisory = advisory;
            _publishedAt = now;
        }

        return advisory;
    }

    /// <summary>The phase's summary as far as the server and the OBU tell it (the receivers are filled in by SummaryBuilder).</summary>
    public PostureSummary Summary(TimeSpan detectionPeriod)
    {
        lock (_lock)
        {
            return new PostureSummary(_obu.Name, $"{DemoPosture.OutdatedLibrary.Name} {DemoPosture.OutdatedLibrary.Version}", _advisory, _publishedAt, _criticalPolledAt,
                detectionPeriod.TotalMilliseconds, []);
        }
    }
}
