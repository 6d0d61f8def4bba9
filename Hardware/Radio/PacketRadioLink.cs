using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Hardware.Radio;

/// <summary>
/// The field radio: whole Ethernet II frames on a named Linux network interface through a raw AF_PACKET socket
/// (packet(7)) bound to that interface and one EtherType (0x8947, GeoNetworking). It is meant for an IEEE 802.11p
/// interface in OCB mode (mac80211 turns the Ethernet header into 802.11 + LLC/SNAP, IEEE 802.11-2016 §11.19 and
/// ETSI EN 302 663), or a C-V2X PC5 modem that shows up as a network device; tests run it on a veth pair. The same
/// rules as <see cref="UdpMulticastRadioLink"/>: a sent frame is 15 octets to the Ethernet header plus the
/// interface MTU and carries the link's EtherType; received frames of another size are dropped and counted; own
/// frames are never heard from the wire (the kernel does not deliver PACKET_OUTGOING to a protocol-bound socket,
/// and the link drops any that come) and are queued locally only when <see cref="PacketRadioOptions.ReceiveOwnFrames"/>
/// is set. Opening needs CAP_NET_RAW.
/// </summary>
public sealed class PacketRadioLink : IRadioLink, IDisposable
{
    /// <summary>Ethernet II header: destination, source, EtherType.</summary>
    public const int HeaderBytes = 14;

    private readonly PacketRadioOptions _options;
    private readonly Socket _socket;
    private readonly Channel<RadioFrame> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private long _dropped;
    private long _badSize;

    private PacketRadioLink(PacketRadioOptions options, Socket socket, int interfaceIndex, int mtu)
    {
        _options = options;
        _socket = socket;
        InterfaceIndex = interfaceIndex;
        MaxFrameBytes = HeaderBytes + mtu;
        _queue = Channel.CreateBounded<RadioFrame>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
        }, _ => Interlocked.Increment(ref _dropped));
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The interface's index.</summary>
    public int InterfaceIndex { get; }

    /// <summary>Largest frame: the Ethernet header plus the interface MTU.</summary>
    public int MaxFrameBytes { get; }

    /// <summary>Frames dropped because the receive queue was full.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>Frames heard that were shorter than a header or longer than <see cref="MaxFrameBytes"/>.</summary>
    public long BadSizeFrames => Interlocked.Read(ref _badSize);

    /// <summary>Opens the link on the named interface.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="RadioLinkException">No such interface, the interface is down, or no permission for a raw socket.</exception>
    public static PacketRadioLink Open(PacketRadioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Interface, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1, nameof(options));
        if (options.Interface.Contains('/', StringComparison.Ordinal) || options.Interface.Length > 15)
        {
            throw new ArgumentException($"'{options.Interface}' is not an interface name (IFNAMSIZ 16, no '/').", nameof(options));
        }

        var dir = Path.Combine(options.SysClassNet, options.Interface);
        if (!Directory.Exists(dir))
        {
            throw new RadioLinkException($"No network interface {options.Interface} (no {dir}).");
        }

        var index = ReadNumber(dir, "ifindex");
        var mtu = ReadNumber(dir, "mtu");
        if ((ReadNumber(dir, "flags") & 0x1) == 0)
        {
            // IFF_UP (netdevice(7)): an interface that is administratively down sends nothing.
            throw new RadioLinkException($"Network interface {options.Interface} is down (ip link set {options.Interface} up).");
        }

        Socket socket;
        try
        {
            // packet(7): the protocol is the EtherType in network byte order; only frames of that type arrive.
            socket = new Socket(AddressFamily.Packet, SocketType.Raw, (ProtocolType)BinaryPrimitives.ReverseEndianness(options.EtherType));
        }
        catch (SocketException e)
        {
            throw new RadioLinkException($"Cannot open a raw AF_PACKET socket ({e.SocketErrorCode}): the process needs CAP_NET_RAW.", e);
        }

        try
        {
            socket.Bind(new LinkLayerEndPoint(options.EtherType, index));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new RadioLinkException($"Cannot bind to {options.Interface} ({e.SocketErrorCode}).", e);
        }

        return new PacketRadioLink(options, socket, index, mtu);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The frame's size or EtherType does not fit the link.</exception>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        if (frame.Length <= HeaderBytes || frame.Length > MaxFrameBytes)
        {
            throw new ArgumentException($"A frame is {HeaderBytes + 1} to {MaxFrameBytes} bytes on {_options.Interface}.", nameof(frame));
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(frame.Span[12..]) != _options.EtherType)
        {
            throw new ArgumentException($"This link carries EtherType 0x{_options.EtherType:X4} only.", nameof(frame));
        }

        // A bound packet socket sends on its interface (packet(7)); the frame goes out as given, header included.
        await _socket.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (_options.ReceiveOwnFrames)
        {
            _queue.Writer.TryWrite(new RadioFrame(frame.ToArray(), _options.Time.GetUtcNow(), "self"));
        }
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
        _socket.Dispose();
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

    private static int ReadNumber(string dir, string attribute)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(dir, attribute)).Trim();
            return text.StartsWith("0x", StringComparison.Ordinal)
                ? int.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or OverflowException or UnauthorizedAccessException)
        {
            throw new RadioLinkException($"Cannot read {attribute} of {dir}: {e.Message}", e);
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[MaxFrameBytes + 1];
        var any = new LinkLayerEndPoint(_options.EtherType, InterfaceIndex);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
                var from = (LinkLayerEndPoint)r.RemoteEndPoint;
                if (from.PacketType == LinkLayerEndPoint.PacketOutgoing)
                {
                    continue;
                }

                if (r.ReceivedBytes <= HeaderBytes || r.ReceivedBytes > MaxFrameBytes)
                {
                    Interlocked.Increment(ref _badSize);
                    continue;
                }

                _queue.Writer.TryWrite(new RadioFrame(buffer.AsSpan(0, r.ReceivedBytes).ToArray(), _options.Time.GetUtcNow(), from.ToString()));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closed.
        }
        finally
        {
            _queue.Writer.TryComplete(new ObjectDisposedException(nameof(PacketRadioLink)));
        }
    }
}
