using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Hardware.Radio;

/// <summary>
/// The bench radio: whole Ethernet frames as UDP datagrams to a multicast group on loopback.
/// Every node on the group hears every frame (IP_MULTICAST_LOOP on), and its own only when asked;
/// a node recognises its own frames by the source endpoint of its sending socket. Received frames
/// go to a bounded queue (oldest dropped when full, counted in <see cref="DroppedFrames"/> and raised as
/// <see cref="FrameDropped"/>).
/// tshark decodes the traffic with -d udp.port==PORT,eth. A process hosting many nodes can give them one receiving
/// socket (<see cref="SharedUdpMulticastRadio.Attach"/>): each node keeps its own sending socket, so the frames on the
/// group are the same.
/// </summary>
public sealed class UdpMulticastRadioLink : IRadioLink, IRadioDropReport, IDisposable
{
    /// <summary>Largest frame: an Ethernet frame without FCS fits easily in a UDP datagram on loopback.</summary>
    public const int MaxFrameBytes = 9000;

    private readonly UdpMulticastRadioOptions _options;
    private readonly Socket? _receive;
    private readonly Socket _send;
    private readonly SharedUdpMulticastRadio? _shared;
    private readonly IPEndPoint _ownSource;
    private readonly IPEndPoint _destination;
    private readonly Channel<RadioFrame> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private long _dropped;
    private long _notHeard;

    /// <summary>Joins the group and starts receiving.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="SocketException">The sockets cannot be set up.</exception>
    public UdpMulticastRadioLink(UdpMulticastRadioOptions options)
        : this(options, null, null)
    {
    }

    // With a shared receiver: only the sending socket is this node's; the shared radio's pump delivers (Deliver) what it hears.
    internal UdpMulticastRadioLink(UdpMulticastRadioOptions options, SharedUdpMulticastRadio? shared, Hardware.Positioning.IPositionSource? position)
    {
        Validate(options);
        _options = options;
        _destination = new IPEndPoint(options.Group, options.Port);
        _queue = Channel.CreateBounded<RadioFrame>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
        }, dropped =>
        {
            Interlocked.Increment(ref _dropped);
            FrameDropped?.Invoke(dropped);
        });

        _shared = shared;
        Position = position;
        _receive = shared is null ? JoinGroup(options) : null;
        _send = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _send.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, options.InterfaceAddress.GetAddressBytes());
            _send.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            _send.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 1);
            _send.Bind(new IPEndPoint(options.InterfaceAddress, 0));
            _ownSource = (IPEndPoint)_send.LocalEndPoint!;
        }
        catch
        {
            _receive?.Dispose();
            _send.Dispose();
            throw;
        }

        _pump = _receive is null ? Task.CompletedTask : Task.Run(PumpAsync);
    }

    /// <inheritdoc />
    public event Action<RadioFrame>? FrameDropped;

    /// <summary>Frames dropped because the receive queue was full.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>The source endpoint this node's frames carry.</summary>
    public IPEndPoint LocalEndPoint => _ownSource;

    /// <summary>Frames the shared radio's range model did not deliver to this node (0 on a link with its own socket).</summary>
    public long NotHeard => Interlocked.Read(ref _notHeard);

    /// <summary>The node's own position, for the shared radio's range model (null: not placed).</summary>
    internal Hardware.Positioning.IPositionSource? Position { get; }

    /// <summary>Whether this node hears its own frames.</summary>
    internal bool ReceiveOwnFrames => _options.ReceiveOwnFrames;

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default)
    {
        if (frame.Length is 0 or > MaxFrameBytes)
        {
            throw new ArgumentException($"A frame is 1 to {MaxFrameBytes} bytes.", nameof(frame));
        }

        await _send.SendToAsync(frame, SocketFlags.None, _destination, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<RadioFrame> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        return _queue.Reader.ReadAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _shared?.Detach(this);
        _receive?.Dispose();
        _send.Dispose();
        if (_shared is not null)
        {
            _queue.Writer.TryComplete(new ObjectDisposedException(nameof(UdpMulticastRadioLink)));
        }

        try
        {
            _pump.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The pump ends with the socket; its exception carries nothing new.
        }

        _stop.Dispose();
    }

    // The options' checks (also the shared radio's).
    internal static void Validate(UdpMulticastRadioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1, nameof(options));
        if (options.Group.AddressFamily != AddressFamily.InterNetwork || (options.Group.GetAddressBytes()[0] & 0xF0) != 0xE0)
        {
            throw new ArgumentException("Group must be an IPv4 multicast address (224.0.0.0/4).", nameof(options));
        }
    }

    // Several nodes on one host share the port (SO_REUSEADDR) and each joins the group.
    internal static Socket JoinGroup(UdpMulticastRadioOptions options)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Any, options.Port));
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(options.Group, options.InterfaceAddress));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // The shared radio's pump: a frame this node hears (on the pump's thread, the queue's single writer).
    internal void Deliver(RadioFrame frame)
    {
        if (!_stop.IsCancellationRequested)
        {
            _queue.Writer.TryWrite(frame);
        }
    }

    // The shared radio's range model did not deliver a frame to this node.
    internal void CountNotHeard() => Interlocked.Increment(ref _notHeard);

    private async Task PumpAsync()
    {
        var buffer = new byte[MaxFrameBytes + 1];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var r = await _receive!.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
                var source = (IPEndPoint)r.RemoteEndPoint;
                if (r.ReceivedBytes is 0 or > MaxFrameBytes || (!_options.ReceiveOwnFrames && source.Equals(_ownSource)))
                {
                    continue;
                }

                _queue.Writer.TryWrite(new RadioFrame(buffer.AsSpan(0, r.ReceivedBytes).ToArray(), _options.Time.GetUtcNow(), source.ToString()));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closed.
        }
        finally
        {
            _queue.Writer.TryComplete(new ObjectDisposedException(nameof(UdpMulticastRadioLink)));
        }
    }
}
