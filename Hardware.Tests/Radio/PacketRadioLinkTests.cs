using Hardware.Radio;
using Testing.Netns;

namespace Hardware.Tests.Radio;

/// <summary>
/// The AF_PACKET link on a veth pair this test creates (root: scripts/test.sh runs as root on CI): frames cross, own
/// frames are not heard, the size and EtherType rules hold, other EtherTypes are not heard, and a missing or down
/// interface is a typed error.
/// </summary>
public sealed class PacketRadioLinkTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly VethPair _veth = VethPair.Create();

    public void Dispose() => _veth.Dispose();

    [Fact]
    public async Task Two_ends_hear_each_other_and_not_themselves()
    {
        using var a = PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.A });
        using var b = PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.B });
        using var timeout = new CancellationTokenSource(Patience);

        await a.SendAsync(Frame(0xA1), timeout.Token);
        var atB = await b.ReceiveAsync(timeout.Token);
        await b.SendAsync(Frame(0xB1), timeout.Token);
        var atA = await a.ReceiveAsync(timeout.Token);

        Assert.Equal(Frame(0xA1), atB.Bytes);
        Assert.Equal("02:00:00:00:00:a1", atB.Sender.Length > 0 ? SourceOf(atB.Bytes) : "");
        Assert.Equal(Frame(0xB1), atA.Bytes); // not its own 0xA1
        Assert.Equal(1514, a.MaxFrameBytes);
    }

    [Fact]
    public async Task A_node_that_asks_hears_its_own_frames()
    {
        using var a = PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.A, ReceiveOwnFrames = true });
        using var timeout = new CancellationTokenSource(Patience);

        await a.SendAsync(Frame(0x01), timeout.Token);

        Assert.Equal(Frame(0x01), (await a.ReceiveAsync(timeout.Token)).Bytes);
    }

    [Fact]
    public async Task Frames_of_another_ethertype_are_not_heard()
    {
        using var a = PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.A, EtherType = 0x88B5 });
        using var b = PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.B });
        using var other = PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.A });
        using var timeout = new CancellationTokenSource(Patience);

        await a.SendAsync(Frame(0x0E, 0x88B5), timeout.Token);   // IEEE 802 local experimental EtherType 1
        await other.SendAsync(Frame(0x47), timeout.Token);

        // The first frame b hears is the GeoNetworking one: the other type never reached its queue.
        Assert.Equal(Frame(0x47), (await b.ReceiveAsync(timeout.Token)).Bytes);
    }

    public static TheoryData<string, byte[]> BadFrames => new()
    {
        { "header only", Frame(0x01)[..14] },
        { "one octet over the MTU", Sized(1515) },
        { "another EtherType", Frame(0x01, 0x0800) },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task Bad_frames_are_a_callers_mistake(string name, byte[] frame)
    {
        using var a = PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.A });

        await Assert.ThrowsAsync<ArgumentException>(async () => await a.SendAsync(frame));
        Assert.NotEmpty(name);
    }

    [Fact]
    public async Task The_largest_frame_crosses()
    {
        using var a = PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.A });
        using var b = PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.B });
        using var timeout = new CancellationTokenSource(Patience);

        await a.SendAsync(Sized(1514), timeout.Token);

        Assert.Equal(1514, (await b.ReceiveAsync(timeout.Token)).Bytes.Length);
    }

    [Fact]
    public void A_missing_interface_is_a_typed_error()
    {
        var e = Assert.Throws<RadioLinkException>(() => PacketRadioLink.Open(new PacketRadioOptions { Interface = "fknone0" }));
        Assert.Contains("No network interface fknone0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interface_that_is_down_is_a_typed_error()
    {
        _veth.SetDown(_veth.A);

        var e = Assert.Throws<RadioLinkException>(() => PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.A }));
        Assert.Contains("is down", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_after_dispose_is_object_disposed()
    {
        var a = PacketRadioLink.Open(new PacketRadioOptions { Interface = _veth.A });
        a.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await a.ReceiveAsync());
    }

    // Broadcast destination, a locally administered source ending in the tag, the EtherType, a payload.
    private static byte[] Frame(byte tag, ushort etherType = 0x8947)
    {
        var f = new byte[60];
        f.AsSpan(0, 6).Fill(0xFF);
        f[6] = 0x02;
        f[11] = tag;
        f[12] = (byte)(etherType >> 8);
        f[13] = (byte)etherType;
        f[14] = tag;
        return f;
    }

    private static byte[] Sized(int length)
    {
        var f = new byte[length];
        Frame(0x02).AsSpan(0, 14).CopyTo(f);
        return f;
    }

    private static string SourceOf(byte[] frame) => string.Join(':', frame[6..12].Select(o => o.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
