using Hardware.Can;

namespace Hardware.Tests.Can;

public class SimulatedCanBusTests
{
    [Fact]
    public async Task A_frame_reaches_every_other_node_but_not_the_sender()
    {
        var bus = new SimulatedCanBus();
        var obu = bus.Connect("obu");
        var hmi = bus.Connect("hmi");
        var gateway = bus.Connect("gw");

        await obu.SendAsync(new CanFrame(0x18FF_1234, true, [0x01, 0x02]));

        foreach (var node in new[] { hmi, gateway })
        {
            var f = await node.ReceiveAsync();
            Assert.Equal((0x18FF_1234u, true), (f.Id, f.IsExtended));
            Assert.Equal([0x01, 0x02], f.Data);
        }

        Assert.False(obu.ReceiveAsync().IsCompleted);
    }

    public static TheoryData<string, uint, bool, int, bool> Frames => new()
    {
        { "11-bit max", 0x7FF, false, 8, true },
        { "11-bit too large", 0x800, false, 0, false },
        { "29-bit max", 0x1FFF_FFFF, true, 0, true },
        { "29-bit too large", 0x2000_0000, true, 0, false },
        { "9 data bytes", 0x100, false, 9, false },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Frame_limits_follow_classic_can(string name, uint id, bool extended, int length, bool valid)
    {
        var e = Record.Exception(() => new CanFrame(id, extended, new byte[length]));

        Assert.True(valid ? e is null : e is ArgumentException, name);
    }
}
