using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Hardware.Positioning;
using Hardware.Radio;

namespace Hardware.Tests.Radio;

/// <summary>
/// One process's shared receiving socket on the UDP multicast radio: it fans each frame out to the attached nodes the
/// range model delivers it to (each node placed at its own position, the sender at the position its frame carries),
/// never back to its sender, while the frames on the group stay what a node with its own socket (another bench
/// process) sends and hears. The test frames carry their sender's position as two big-endian doubles after a 2-octet
/// tag (the bench reads the GeoNetworking source position vector instead: V2x/Stack/SenderPosition). The shared socket
/// hears frames in the order they were sent and fans each out before the next, so a node's first frame shows that the
/// earlier ones were not delivered to it.
/// </summary>
public sealed class SharedUdpMulticastRadioTests
{
    // Munich; 0.002 degree of latitude is 222 m.
    private const double Lat = 48.137;
    private const double Lon = 11.575;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Each_frame_reaches_the_attached_nodes_in_range_only_and_the_group_carries_every_frame()
    {
        var options = UniqueMedium();
        var range = new RadioRange(new RadioRangeOptions { RangeMeters = 300 });
        using var radio = new SharedUdpMulticastRadio(options, range, PositionIn);
        // a, b and c on one road, 222 m apart: a hears b, b hears a and c, c hears b. p is another process's node with its own socket.
        using var a = radio.Attach(new At(Lat));
        using var b = radio.Attach(new At(Lat + 0.002));
        using var c = radio.Attach(new At(Lat + 0.004));
        using var p = new UdpMulticastRadioLink(options);
        using var timeout = new CancellationTokenSource(Patience);

        await a.SendAsync(Frame(0xA1, Lat), timeout.Token);
        await c.SendAsync(Frame(0xC1, Lat + 0.004), timeout.Token);
        var atB = new[] { Tag(await b.ReceiveAsync(timeout.Token)), Tag(await b.ReceiveAsync(timeout.Token)) };
        Assert.Equal([0xA1, 0xC1], atB);
        await b.SendAsync(Frame(0xB1, Lat + 0.002), timeout.Token);

        // a's first frame is b's: c's (444 m away) was not delivered to it, nor its own; c's likewise.
        var atA = await a.ReceiveAsync(timeout.Token);
        var atC = await c.ReceiveAsync(timeout.Token);
        Assert.Equal((0xB1, 0xB1), (Tag(atA), Tag(atC)));
        Assert.Equal(b.LocalEndPoint.ToString(), atA.Sender);
        Assert.Equal((1, 0, 1), (a.NotHeard, b.NotHeard, c.NotHeard));
        Assert.Equal((4, 2), (range.Delivered, range.OutOfRange));

        // On the group itself nothing changed: the other process's node hears all three, each from its sender's own socket.
        var onGroup = new[] { await p.ReceiveAsync(timeout.Token), await p.ReceiveAsync(timeout.Token), await p.ReceiveAsync(timeout.Token) };
        Assert.Equal([0xA1, 0xC1, 0xB1], onGroup.Select(Tag));
        Assert.Equal([a.LocalEndPoint.ToString(), c.LocalEndPoint.ToString(), b.LocalEndPoint.ToString()], onGroup.Select(f => f.Sender));
    }

    [Fact]
    public async Task A_frame_from_another_process_is_placed_too_and_one_without_a_position_reaches_every_node()
    {
        var options = UniqueMedium();
        var range = new RadioRange(new RadioRangeOptions { RangeMeters = 300 });
        using var radio = new SharedUdpMulticastRadio(options, range, PositionIn);
        using var near = radio.Attach(new At(Lat));
        using var far = radio.Attach(new At(Lat + 0.004));
        using var other = new UdpMulticastRadioLink(options);
        using var timeout = new CancellationTokenSource(Patience);

        await other.SendAsync(Frame(0x01, Lat + 0.0005), timeout.Token);
        await other.SendAsync(new byte[] { 0x00, 0x02, 0xFF }, timeout.Token);

        var atNear = new[] { Tag(await near.ReceiveAsync(timeout.Token)), Tag(await near.ReceiveAsync(timeout.Token)) };
        Assert.Equal([0x01, 0x02], atNear);
        Assert.Equal(0x02, Tag(await far.ReceiveAsync(timeout.Token)));
        Assert.Equal((1, 2, 1), (range.OutOfRange, range.Unplaced, range.Delivered));
    }

    [Fact]
    public async Task A_placed_transmitter_is_heard_around_itself_not_where_its_frames_say_their_sender_was()
    {
        var options = UniqueMedium();
        var range = new RadioRange(new RadioRangeOptions { RangeMeters = 300 });
        using var radio = new SharedUdpMulticastRadio(options, range, PositionIn);
        // `far` attached first: the pump decides for it before `near`, so once `near` has a frame, `far`'s count for it is final.
        using var far = radio.Attach(new At(Lat + 0.004));
        using var near = radio.Attach(new At(Lat));
        using var relay = new UdpMulticastRadioLink(options);
        using var timeout = new CancellationTokenSource(Patience);

        // A relay 444 m north re-sends a frame whose sender was next to `near`: only `far`, next to the relay, hears it.
        radio.PlaceTransmitter(relay.LocalEndPoint, new At(Lat + 0.004));
        await relay.SendAsync(Frame(0x01, Lat), timeout.Token);
        // An unplaced station's frame is still placed by its content (next to `near`).
        using var other = new UdpMulticastRadioLink(options);
        await other.SendAsync(Frame(0x02, Lat), timeout.Token);

        Assert.Equal(0x01, Tag(await far.ReceiveAsync(timeout.Token)));
        Assert.Equal(0x02, Tag(await near.ReceiveAsync(timeout.Token)));
        Assert.Equal((1, 1), (near.NotHeard, far.NotHeard));
    }

    [Fact]
    public async Task A_disposed_node_is_detached_and_the_others_still_hear()
    {
        var options = UniqueMedium();
        using var radio = new SharedUdpMulticastRadio(options);
        using var a = radio.Attach(null);
        var b = radio.Attach(null);
        using var timeout = new CancellationTokenSource(Patience);

        b.Dispose();
        await a.SendAsync(Frame(0x0A, Lat), timeout.Token);
        using var c = radio.Attach(null);
        await c.SendAsync(Frame(0x0C, Lat), timeout.Token);

        Assert.Equal(2, radio.Nodes);
        Assert.Equal(0x0C, Tag(await a.ReceiveAsync(timeout.Token)));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await b.ReceiveAsync(timeout.Token));
    }

    [Fact]
    public void A_range_without_a_way_to_place_the_sender_is_refused()
    {
        var range = new RadioRange(new RadioRangeOptions { RangeMeters = 300 });

        Assert.Throws<ArgumentException>(() => new SharedUdpMulticastRadio(UniqueMedium(), range));
        Assert.ThrowsAny<ArgumentException>(() => new SharedUdpMulticastRadio(UniqueMedium() with { Group = IPAddress.Loopback }));
    }

    private static byte[] Frame(byte tag, double lat)
    {
        var f = new byte[18];
        f[1] = tag;
        BinaryPrimitives.WriteDoubleBigEndian(f.AsSpan(2), lat);
        BinaryPrimitives.WriteDoubleBigEndian(f.AsSpan(10), Lon);
        return f;
    }

    private static int Tag(RadioFrame frame) => frame.Bytes[1];

    private static (double, double)? PositionIn(ReadOnlyMemory<byte> frame) => frame.Length == 18
        ? (BinaryPrimitives.ReadDoubleBigEndian(frame.Span[2..]), BinaryPrimitives.ReadDoubleBigEndian(frame.Span[10..]))
        : null;

    private static UdpMulticastRadioOptions UniqueMedium()
    {
        // A free UDP port and a group of our own, so parallel tests and other engineers' runs never meet.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        var g = Guid.NewGuid().ToByteArray();
        return new UdpMulticastRadioOptions { Group = new IPAddress([239, 255, g[0], (byte)(g[1] | 1)]), Port = port };
    }

    private sealed class At(double lat) : IPositionSource
    {
        public PositionFix Read() => new(true, lat, Lon, null, 0, 0, DateTimeOffset.UnixEpoch, 1);
    }
}
