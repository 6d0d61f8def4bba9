using System.Net;
using System.Net.Sockets;
using Hardware.Positioning;

namespace Hardware.Radio;

/// <summary>
/// The receiving side of the UDP multicast radio for a process hosting many nodes (the bench's SUMO mode, up to 200
/// OBUs): one socket joins the group and hears every frame once, and fans it out in-process to the nodes attached
/// (<see cref="Attach"/>), each a <see cref="UdpMulticastRadioLink"/> with its own sending socket and bounded receive
/// queue. With a socket per node, the kernel delivers every frame to every node's socket and wakes every node's
/// receiving thread, N² deliveries for N nodes, most of them then dropped by the range; here a node out of range is
/// never woken. What goes on the group is unchanged (each node sends from its own socket, so other processes and a
/// capture see every frame with its sender's endpoint), and the range model still decides per receiver: the sender's
/// position is read from the frame once (the GeoNetworking source position, as <see cref="RangeLimitedRadioLink"/>
/// reads it), then <see cref="RadioRange.Delivers"/> is asked for each attached node with that node's own position.
/// A node never hears its own frames (recognised by its sending socket's endpoint) unless its options ask for them.
/// </summary>
public sealed class SharedUdpMulticastRadio : IDisposable
{
    private readonly UdpMulticastRadioOptions _options;
    private readonly RadioRange? _range;
    private readonly Func<ReadOnlyMemory<byte>, (double Latitude, double Longitude)?>? _senderPosition;
    private readonly Socket _receive;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Task _pump;
    private UdpMulticastRadioLink[] _nodes = [];
    private Dictionary<IPEndPoint, IPositionSource> _transmitters = [];
    private long _frames;
    private long _receiveErrors;

    /// <summary>Joins the group and starts receiving.</summary>
    /// <param name="options">The radio (group, port, interface, clock; the nodes' queue bound).</param>
    /// <param name="range">The range model (null: every node hears every frame).</param>
    /// <param name="senderPosition">Reads the sender's position from a frame (needed with a range; null when the frame carries none it can read).</param>
    /// <exception cref="ArgumentException">An option is out of range, or a range without a way to read the sender's position.</exception>
    /// <exception cref="SocketException">The socket cannot be set up.</exception>
    public SharedUdpMulticastRadio(UdpMulticastRadioOptions options, RadioRange? range = null,
        Func<ReadOnlyMemory<byte>, (double Latitude, double Longitude)?>? senderPosition = null)
    {
        UdpMulticastRadioLink.Validate(options);
        if (range is not null && senderPosition is null)
        {
            throw new ArgumentException("A range needs the function reading the sender's position from a frame.", nameof(senderPosition));
        }

        _options = options;
        _range = range;
        _senderPosition = senderPosition;
        _receive = UdpMulticastRadioLink.JoinGroup(options);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>
    /// Places the frames sent from <paramref name="source"/> at <paramref name="position"/> for the range model, instead
    /// of where each frame says its sender was: a station re-sending others' frames (a replay or relay attacker) is
    /// heard around itself, as on a real channel, not around the frames' original senders.
    /// </summary>
    public void PlaceTransmitter(IPEndPoint source, IPositionSource position)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(position);
        lock (_lock)
        {
            _transmitters = new Dictionary<IPEndPoint, IPositionSource>(_transmitters) { [source] = position };
        }
    }

    /// <summary>Frames heard on the group.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Receive errors of the shared socket (each skipped; the radio keeps receiving).</summary>
    public long ReceiveErrors => Interlocked.Read(ref _receiveErrors);

    /// <summary>The nodes attached now.</summary>
    public int Nodes => Volatile.Read(ref _nodes).Length;

    /// <summary>
    /// A node on the radio: its own sending socket, the frames this radio hears that reach <paramref name="position"/>
    /// (every frame when the radio has no range). Disposing the link detaches it.
    /// </summary>
    /// <param name="position">The node's position (needed with a range; null: the node is not placed, so it hears every frame, counted unplaced).</param>
    /// <exception cref="ObjectDisposedException">The radio is closed.</exception>
    public UdpMulticastRadioLink Attach(IPositionSource? position)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        var link = new UdpMulticastRadioLink(_options, this, position);
        lock (_lock)
        {
            _nodes = [.. _nodes, link];
        }

        return link;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _receive.Dispose();
        try
        {
            _pump.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The pump ends with the socket.
        }

        _stop.Dispose();
    }

    internal void Detach(UdpMulticastRadioLink link)
    {
        lock (_lock)
        {
            _nodes = [.. _nodes.Where(n => n != link)];
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[UdpMulticastRadioLink.MaxFrameBytes + 1];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                SocketReceiveFromResult r;
                try
                {
                    r = await _receive.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
                }
                catch (SocketException) when (!_stop.IsCancellationRequested)
                {
                    // One datagram's error (an oversized one, an ICMP report): counted; every node keeps hearing the rest.
                    Interlocked.Increment(ref _receiveErrors);
                    continue;
                }

                if (r.ReceivedBytes is 0 or > UdpMulticastRadioLink.MaxFrameBytes)
                {
                    continue;
                }

                Interlocked.Increment(ref _frames);
                var source = (IPEndPoint)r.RemoteEndPoint;
                // One copy for every node: a received frame is read-only from here on (the receive pipeline copies what it keeps).
                var frame = new RadioFrame(buffer.AsSpan(0, r.ReceivedBytes).ToArray(), _options.Time.GetUtcNow(), source.ToString());
                var sender = _range is null ? null : Volatile.Read(ref _transmitters).TryGetValue(source, out var placed) ? Where(placed) : _senderPosition!(frame.Bytes);
                foreach (var node in Volatile.Read(ref _nodes))
                {
                    if (!node.ReceiveOwnFrames && source.Equals(node.LocalEndPoint))
                    {
                        continue;
                    }

                    if (_range is not null && !_range.Delivers(sender, node.Position?.Read()))
                    {
                        node.CountNotHeard();
                        continue;
                    }

                    node.Deliver(frame);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closed.
        }
    }

    private static (double Latitude, double Longitude)? Where(IPositionSource transmitter) =>
        transmitter.Read() is { IsValid: true } fix ? (fix.LatitudeDegrees, fix.LongitudeDegrees) : null;
}
