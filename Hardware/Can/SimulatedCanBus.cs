using System.Threading.Channels;

namespace Hardware.Can;

/// <summary>
/// An in-process CAN bus shared by nodes: a frame one node sends reaches every other node (CAN is
/// a broadcast bus; the sender does not receive its own frame). Each node's receive queue is
/// bounded and drops its oldest frame when full.
/// </summary>
public sealed class SimulatedCanBus
{
    private readonly List<Node> _nodes = [];
    private readonly Lock _lock = new();

    /// <summary>Connects a new node.</summary>
    public ICanBus Connect(string name, int queueCapacity = 256)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        var node = new Node(this, name, queueCapacity);
        lock (_lock)
        {
            _nodes.Add(node);
        }

        return node;
    }

    private void Deliver(Node from, CanFrame frame)
    {
        Node[] targets;
        lock (_lock)
        {
            targets = _nodes.Where(n => n != from).ToArray();
        }

        foreach (var n in targets)
        {
            n.Queue.Writer.TryWrite(frame);
        }
    }

    private sealed class Node(SimulatedCanBus bus, string name, int capacity) : ICanBus
    {
        public Channel<CanFrame> Queue { get; } = Channel.CreateBounded<CanFrame>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest });

        public string Name { get; } = name;

        public ValueTask SendAsync(CanFrame frame, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(frame);
            cancellationToken.ThrowIfCancellationRequested();
            bus.Deliver(this, frame);
            return ValueTask.CompletedTask;
        }

        public ValueTask<CanFrame> ReceiveAsync(CancellationToken cancellationToken = default) =>
            Queue.Reader.ReadAsync(cancellationToken);
    }
}
