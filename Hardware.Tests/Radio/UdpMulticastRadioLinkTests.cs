using System.Net;
using System.Net.Sockets;
using Hardware.Radio;

namespace Hardware.Tests.Radio;

public class UdpMulticastRadioLinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Two_nodes_hear_each_other_and_not_themselves()
    {
        var options = UniqueMedium();
        using var a = new UdpMulticastRadioLink(options);
        using var b = new UdpMulticastRadioLink(options);
        using var timeout = new CancellationTokenSource(Patience);

        await a.SendAsync(Frame(0xA1), timeout.Token);
        var atB = await b.ReceiveAsync(timeout.Token);
        await b.SendAsync(Frame(0xB1), timeout.Token);
        var atA = await a.ReceiveAsync(timeout.Token);

        Assert.Equal(Frame(0xA1), atB.Bytes);
        Assert.Equal(a.LocalEndPoint.ToString(), atB.Sender);
        Assert.Equal(Frame(0xB1), atA.Bytes); // not its own 0xA1
    }

    [Fact]
    public async Task A_node_that_asks_hears_its_own_frames()
    {
        var options = UniqueMedium() with { ReceiveOwnFrames = true };
        using var a = new UdpMulticastRadioLink(options);
        using var timeout = new CancellationTokenSource(Patience);

        await a.SendAsync(Frame(0x01), timeout.Token);

        Assert.Equal(Frame(0x01), (await a.ReceiveAsync(timeout.Token)).Bytes);
    }

    [Fact]
    public async Task Receive_is_cancellable()
    {
        using var a = new UdpMulticastRadioLink(UniqueMedium());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await a.ReceiveAsync(cancelled.Token));
    }

    [Theory]
    [InlineData("empty", 0)]
    [InlineData("over 9000 bytes", 9001)]
    public async Task Bad_frame_sizes_are_a_callers_mistake(string name, int size)
    {
        using var a = new UdpMulticastRadioLink(UniqueMedium());

        await Assert.ThrowsAsync<ArgumentException>(async () => await a.SendAsync(new byte[size]));
        Assert.NotEmpty(name);
    }

    [Theory]
    [InlineData("unicast group", "127.0.0.1", 47001)]
    [InlineData("port 0", "239.255.1.1", 0)]
    public void Bad_options_are_a_callers_mistake(string name, string group, int port)
    {
        Assert.ThrowsAny<ArgumentException>(() => new UdpMulticastRadioLink(new UdpMulticastRadioOptions { Group = IPAddress.Parse(group), Port = port }));
        Assert.NotEmpty(name);
    }

    private static byte[] Frame(byte tag) =>
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0, 0, 0, 0, tag, 0x89, 0x47, tag, tag];

    private static UdpMulticastRadioOptions UniqueMedium()
    {
        // A free UDP port and a group of our own, so parallel tests and other engineers' runs never meet.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        var g = Guid.NewGuid().ToByteArray();
        return new UdpMulticastRadioOptions { Group = new IPAddress([239, 255, g[0], (byte)(g[1] | 1)]), Port = port };
    }
}
