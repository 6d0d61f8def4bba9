using System.Threading.Channels;

namespace Hardware.Can;

/// <summary>
/// A CAN bus replaying a candump log (<see cref="CandumpLog"/>): each frame is received at its offset from the log's
/// first frame, on the given clock (tests step a FakeTimeProvider), as canplayer(1) would send it. Frames the node
/// sends (the HMI and brake request frames) are appended to a candump log when a writer is given. The log is read
/// whole at construction: a bad line is a <see cref="CanBusException"/> naming it, before anything is replayed.
/// </summary>
public sealed class CandumpReplayBus : ICanBus, IDisposable
{
    private readonly Channel<CanFrame> _received = Channel.CreateUnbounded<CanFrame>();
    private readonly TextWriter? _sent;
    private readonly TimeProvider _clock;
    private readonly string _interface;
    private readonly Lock _lock = new();
    private readonly List<ITimer> _timers = [];

    /// <summary>Starts replaying now.</summary>
    /// <exception cref="CanBusException">A line is not in candump log format (its number is in the message).</exception>
    public CandumpReplayBus(IEnumerable<string> logLines, TimeProvider clock, TextWriter? sent = null, string iface = "can0")
    {
        ArgumentNullException.ThrowIfNull(logLines);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _sent = sent;
        _interface = iface;
        var frames = new List<(DateTimeOffset Time, CanFrame Frame)>();
        var number = 0;
        foreach (var line in logLines)
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                var (time, _, frame) = CandumpLog.Parse(line);
                frames.Add((time, frame));
            }
            catch (CanBusException e)
            {
                throw new CanBusException($"candump log line {number}: {e.Message}", e);
            }
        }

        Frames = frames.Count;
        if (frames.Count == 0)
        {
            _received.Writer.TryComplete();
            return;
        }

        var first = frames[0].Time;
        var remaining = frames.Count;
        foreach (var (time, frame) in frames)
        {
            var due = time - first < TimeSpan.Zero ? TimeSpan.Zero : time - first;
            _timers.Add(clock.CreateTimer(_ =>
            {
                _received.Writer.TryWrite(frame);
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    _received.Writer.TryComplete();
                }
            }, null, due, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>Frames in the log.</summary>
    public int Frames { get; }

    /// <inheritdoc />
    public ValueTask SendAsync(CanFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        cancellationToken.ThrowIfCancellationRequested();
        if (_sent is not null)
        {
            lock (_lock)
            {
                _sent.WriteLine(CandumpLog.Format(_clock.GetUtcNow(), _interface, frame));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The next frame of the log at its time; ChannelClosedException after the last one.</summary>
    public ValueTask<CanFrame> ReceiveAsync(CancellationToken cancellationToken = default) => _received.Reader.ReadAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _timers)
        {
            t.Dispose();
        }

        _received.Writer.TryComplete();
    }
}
