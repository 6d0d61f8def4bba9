using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hardware.Can;

/// <summary>
/// The vehicle's CAN bus through Linux SocketCAN: a raw AF_CAN socket (CAN_RAW) bound to a named CAN interface
/// (can0 on the vehicle's transceiver, vcan0 on a bench), classic frames as <c>struct can_frame</c> in host order
/// (<see cref="SocketCanFrame"/>; linux/can.h). By default the
/// kernel does not loop a socket's own frames back to it (CAN_RAW_RECV_OWN_MSGS off). A missing interface, one that
/// is not CAN (ARPHRD_CAN 280) or a refused socket is a <see cref="CanBusException"/>.
/// </summary>
public sealed class SocketCanBus : ICanBus, IDisposable
{
    private const int CanRaw = 1;
    private const int ArphrdCan = 280;
    private readonly Socket _socket;

    private SocketCanBus(Socket socket, string iface)
    {
        _socket = socket;
        Interface = iface;
    }

    /// <summary>The interface name.</summary>
    public string Interface { get; }

    /// <summary>Opens the bus on an interface.</summary>
    /// <exception cref="CanBusException">No such interface, not a CAN interface, or no AF_CAN socket.</exception>
    public static SocketCanBus Open(string iface, string sysClassNet = "/sys/class/net")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(iface);
        var dir = Path.Combine(sysClassNet, iface);
        if (iface.Contains('/', StringComparison.Ordinal) || !Directory.Exists(dir))
        {
            throw new CanBusException($"No CAN interface {iface} (no {dir}): on a bench, 'ip link add dev {iface} type vcan' needs the vcan kernel module.");
        }

        if (Read(dir, "type") != ArphrdCan)
        {
            throw new CanBusException($"{iface} is not a CAN interface (type {Read(dir, "type")}, SocketCAN devices are {ArphrdCan}).");
        }

        Socket socket;
        try
        {
            socket = new Socket(AddressFamily.ControllerAreaNetwork, SocketType.Raw, (ProtocolType)CanRaw);
            socket.Bind(new CanEndPoint(Read(dir, "ifindex")));
        }
        catch (SocketException e)
        {
            throw new CanBusException($"Cannot open a CAN_RAW socket on {iface} ({e.SocketErrorCode}).", e);
        }

        return new SocketCanBus(socket, iface);
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(CanFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var bytes = SocketCanFrame.Encode(frame, SocketCanFrame.HostOrder);
        await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<CanFrame> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        // 72 octets: a CAN FD frame (struct canfd_frame) is read whole and skipped like a remote or error frame.
        var bytes = new byte[72];
        while (true)
        {
            var n = await _socket.ReceiveAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (SocketCanFrame.Decode(bytes.AsSpan(0, n), SocketCanFrame.HostOrder) is { } frame)
            {
                return frame;
            }

            // Remote, error and CAN FD frames are not vehicle data the mapping reads.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private static int Read(string dir, string attribute)
    {
        try
        {
            return int.Parse(File.ReadAllText(Path.Combine(dir, attribute)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new CanBusException($"Cannot read {attribute} of {dir}: {e.Message}", e);
        }
    }

    // struct sockaddr_can: family, (padding), ifindex, then the transport-protocol union (16 octets are enough to bind CAN_RAW).
    private sealed class CanEndPoint(int ifindex) : EndPoint
    {
        public override AddressFamily AddressFamily => AddressFamily.ControllerAreaNetwork;

        public override SocketAddress Serialize()
        {
            var a = new SocketAddress(AddressFamily.ControllerAreaNetwork, 16);
            Span<byte> index = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(index, ifindex);
            for (var i = 0; i < 4; i++)
            {
                a[4 + i] = index[i];
            }

            return a;
        }

        public override EndPoint Create(SocketAddress socketAddress) => this;
    }
}
