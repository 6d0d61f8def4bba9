using Hardware.Radio;

namespace Hardware.Can;

/// <summary>
/// A CAN bus between processes on the bench: each frame a <see cref="SocketCanFrame"/> (16 octets) in a UDP
/// datagram to a multicast group on loopback, over the same transport as the bench radio
/// (<see cref="UdpMulticastRadioLink"/>). Every node hears every other node's frames (CAN is a broadcast
/// bus) but not its own; datagrams that are not a classic data frame are dropped and counted. In a
/// vehicle the bus is SocketCAN, which this sandbox cannot load (Can/README.md).
/// </summary>
public sealed class UdpCanBus : ICanBus, IDisposable
{
    private readonly UdpMulticastRadioLink _link;
    private long _malformed;

    /// <summary>Joins the bus on the group and port of <paramref name="options"/> (its time stamps arrivals).</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The sockets cannot be set up.</exception>
    public UdpCanBus(UdpMulticastRadioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _link = new UdpMulticastRadioLink(options with { ReceiveOwnFrames = false });
    }

    /// <summary>Datagrams dropped because they were not a classic CAN data frame.</summary>
    public long MalformedFrames => Interlocked.Read(ref _malformed);

    /// <inheritdoc />
    public ValueTask SendAsync(CanFrame frame, CancellationToken cancellationToken = default) =>
        _link.SendAsync(SocketCanFrame.Encode(frame), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<CanFrame> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var datagram = await _link.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (SocketCanFrame.Decode(datagram.Bytes) is { } frame)
            {
                return frame;
            }

            Interlocked.Increment(ref _malformed);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _link.Dispose();
}
