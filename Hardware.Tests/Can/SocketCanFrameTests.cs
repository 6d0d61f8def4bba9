using System.Net;
using System.Net.Sockets;
using Hardware.Can;
using Hardware.Radio;

namespace Hardware.Tests.Can;

/// <summary>Linux SocketCAN's struct can_frame (include/uapi/linux/can.h) as the bench's CAN over UDP carries it, can_id big-endian, and as a CAN_RAW socket does, in host order.</summary>
public sealed class SocketCanFrameTests
{
    // Known answers: the integrity status frame of Firmware/Application/Sending/HmiCanFrames (0x3E0, 8 octets),
    // an extended 29-bit id with 2 octets, an empty frame.
    public static TheoryData<string, uint, bool, string, string> Frames => new()
    {
        { "HMI status frame", 0x3E0, false, "0101022000000124", "000003E008000000" + "0101022000000124" },
        { "extended id", 0x18DAF110, true, "0211", "98DAF11002000000" + "0211000000000000" },
        { "no data", 0x7FF, false, "", "000007FF00000000" + "0000000000000000" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Frames_encode_and_decode(string name, uint id, bool extended, string data, string encoded)
    {
        var frame = new CanFrame(id, extended, Convert.FromHexString(data));

        Assert.True(Convert.ToHexString(SocketCanFrame.Encode(frame)) == encoded, name);
        var back = SocketCanFrame.Decode(Convert.FromHexString(encoded))!;
        Assert.Equal((id, extended, data), (back.Id, back.IsExtended, Convert.ToHexString(back.Data.ToArray())));
    }

    // The same frames as a CAN_RAW socket reads and writes them on a little-endian machine (x64, arm64): can_id in host order.
    public static TheoryData<string, uint, bool, string, string> HostOrderFrames => new()
    {
        { "HMI status frame", 0x3E0, false, "0101022000000124", "E003000008000000" + "0101022000000124" },
        { "extended id", 0x18DAF110, true, "0211", "10F1DA9802000000" + "0211000000000000" },
    };

    [Theory]
    [MemberData(nameof(HostOrderFrames))]
    public void Frames_in_little_endian_order_encode_and_decode(string name, uint id, bool extended, string data, string encoded)
    {
        var frame = new CanFrame(id, extended, Convert.FromHexString(data));

        Assert.True(Convert.ToHexString(SocketCanFrame.Encode(frame, bigEndian: false)) == encoded, name);
        var back = SocketCanFrame.Decode(Convert.FromHexString(encoded), bigEndian: false)!;
        Assert.Equal((id, extended, data), (back.Id, back.IsExtended, Convert.ToHexString(back.Data.ToArray())));
        Assert.Null(SocketCanFrame.Decode(Convert.FromHexString("E00300400000000000000000000000".PadRight(32, '0')), bigEndian: false)); // RTR in host order
    }

    [Theory]
    [InlineData("remote frame (CAN_RTR_FLAG)", "400003E0000000000000000000000000")]
    [InlineData("error frame (CAN_ERR_FLAG)", "20000001080000000000000000000000")]
    [InlineData("length above 8", "000003E0090000000000000000000000")]
    [InlineData("base id above 11 bits", "00000800000000000000000000000000")]
    [InlineData("short", "000003E000")]
    [InlineData("CAN FD size", "000003E0400000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")]
    public void Anything_but_a_classic_data_frame_is_refused(string name, string hex)
    {
        Assert.True(SocketCanFrame.Decode(Convert.FromHexString(hex)) is null, name);
    }

    [Fact]
    public async Task Two_nodes_on_the_udp_bus_hear_each_other_not_themselves()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Any, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        var options = new UdpMulticastRadioOptions { Group = IPAddress.Parse("239.255.47.2"), Port = port, Time = TimeProvider.System };
        using var obu = new UdpCanBus(options);
        using var hmi = new UdpCanBus(options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await obu.SendAsync(new CanFrame(0x3E0, false, [1, 1, 2, 0x20, 0, 0, 1, 0x24]), timeout.Token);
        var heard = await hmi.ReceiveAsync(timeout.Token);
        await hmi.SendAsync(new CanFrame(0x100, false, [7]), timeout.Token);
        var back = await obu.ReceiveAsync(timeout.Token);

        Assert.Equal(0x3E0u, heard.Id);
        Assert.Equal(0x100u, back.Id);
    }
}
