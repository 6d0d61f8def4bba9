using System.Threading.Channels;
using Hardware.Random;

namespace Hardware.Radio;

/// <summary>
/// An in-process radio medium for tests and the emulator: every frame a node sends reaches every
/// other node (and the sender too when it asked to hear its own frames), except frames the loss
/// rule drops. Loss is either a probability drawn from an <see cref="IRandomSource"/>, or a
/// deterministic rule (sender, receiver, frame) for tests. With a <see cref="RadioRange"/> (off by default), a node
/// attached with its position hears a frame only when the range model delivers it from the position the frame
/// carries. Receive queues are bounded and drop their oldest frame when full; each attached link is an
/// <see cref="IRadioDropReport"/> for those.
/// </summary>
public sealed class SimulatedRadioMedium
{
    private readonly TimeProvider _time;
    private readonly IRandomSource _random;
    private readonly List<Node> _nodes = [];
    private readonly Lock _lock = new();
    private double _lossProbability;
    private Func<string, string, byte[], bool>? _dropRule;
    private (RadioRange Range, Func<ReadOnlyMemory<byte>, (double Latitude, double Longitude)?> SenderPosition)? _range;

    /// <summary>Creates a medium with no loss.</summary>
    public SimulatedRadioMedium(TimeProvider time, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _random = random ?? SystemRandomSource.Instance;
    }

    /// <summary>Frames dropped by the loss rules so far.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    private long _dropped;

    /// <summary>Sets the probability (0..1) that any one delivery is lost.</summary>
    public void SetLossProbability(double probability)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
        _lossProbability = probability;
    }

    /// <summary>Sets a deterministic drop rule (sender, receiver, frame) → true to drop; null removes it.</summary>
    public void SetDropRule(Func<string, string, byte[], bool>? rule) => _dropRule = rule;

    /// <summary>
    /// Turns the range model on (<paramref name="range"/> and how to read a sender's position from a frame) or off (null).
    /// </summary>
    public void SetRange(RadioRange? range, Func<ReadOnlyMemory<byte>, (double Latitude, double Longitude)?>? senderPosition = null)
    {
        if (range is null)
        {
            _range = null;
            return;
        }

        ArgumentNullException.ThrowIfNull(senderPosition);
        _range = (range, senderPosition);
    }

    /// <summary>Attaches a node; <paramref name="position"/> places it for the range model.</summary>
    public IRadioLink Attach(string name, bool receiveOwnFrames = false, int queueCapacity = 1024, Hardware.Positioning.IPositionSource? position = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        var node = new Node(this, name, receiveOwnFrames, queueCapacity) { Position = position };
        lock (_lock)
        {
            _nodes.Add(node);
        }

        return node;
    }

    private void Deliver(Node from, byte[] frame)
    {
        Node[] targets;
        lock (_lock)
        {
            targets = _nodes.Where(n => n != from || n.ReceiveOwn).ToArray();
        }

        var range = _range;
        var senderPosition = range is { } r ? r.SenderPosition(frame) : null;
        foreach (var n in targets)
        {
            if (range is { } model && !model.Range.Delivers(senderPosition, n.Position?.Read()))
            {
                continue;
            }

            if (Lost(from.Name, n.Name, frame))
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            n.Queue.Writer.TryWrite(new RadioFrame((byte[])frame.Clone(), _time.GetUtcNow(), from.Name));
        }
    }

    private bool Lost(string from, string to, byte[] frame)
    {
        if (_dropRule is { } rule && rule(from, to, frame))
        {
            return true;
        }

        if (_lossProbability <= 0)
        {
            return false;
        }

        Span<byte> b = stackalloc byte[4];
        _random.Fill(b);
        return BitConverter.ToUInt32(b) / (double)uint.MaxValue < _lossProbability;
    }

    private sealed class Node : IRadioLink, IRadioDropReport
    {
        private readonly SimulatedRadioMedium _medium;

        public Node(SimulatedRadioMedium medium, string name, bool receiveOwn, int capacity)
        {
            _medium = medium;
            Name = name;
            ReceiveOwn = receiveOwn;
            Queue = Channel.CreateBounded<RadioFrame>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest },
                dropped => FrameDropped?.Invoke(dropped));
        }

        public event Action<RadioFrame>? FrameDropped;

        public Channel<RadioFrame> Queue { get; }

        public string Name { get; }

        public bool ReceiveOwn { get; }

        public Hardware.Positioning.IPositionSource? Position { get; init; }

        public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _medium.Deliver(this, frame.ToArray());
            return ValueTask.CompletedTask;
        }

        public ValueTask<RadioFrame> ReceiveAsync(CancellationToken cancellationToken = default) =>
            Queue.Reader.ReadAsync(cancellationToken);
    }
}
