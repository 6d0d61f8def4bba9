using Hardware.Can;

namespace Hardware.Tests.Can;

/// <summary>
/// SocketCAN on vcan0. Where vcan0 exists (`ip link add dev vcan0 type vcan; ip link set vcan0 up`, which needs the
/// vcan module) two sockets exchange a base and an extended frame; where it does not (this sandbox cannot load vcan),
/// opening it is the typed error that says so. Either way the test asserts something that can fail.
/// </summary>
public sealed class SocketCanBusTests
{
    [Fact]
    public async Task Vcan0_exchanges_frames_or_is_a_clear_typed_error()
    {
        if (!Directory.Exists("/sys/class/net/vcan0"))
        {
            var e = Assert.Throws<CanBusException>(() => SocketCanBus.Open("vcan0"));
            Assert.Contains("No CAN interface vcan0", e.Message, StringComparison.Ordinal);
            return;
        }

        using var a = SocketCanBus.Open("vcan0");
        using var b = SocketCanBus.Open("vcan0");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await a.SendAsync(new CanFrame(0x3E0, false, [1, 1, 2, 0x20, 0, 0, 1, 0x24]), timeout.Token);
        await a.SendAsync(new CanFrame(0x0F6A41C3, true, [0x11, 0x22]), timeout.Token);

        var first = await b.ReceiveAsync(timeout.Token);
        var second = await b.ReceiveAsync(timeout.Token);
        Assert.Equal((0x3E0u, false, "0101022000000124"), (first.Id, first.IsExtended, Convert.ToHexString(first.Data.ToArray())));
        Assert.Equal((0x0F6A41C3u, true, "1122"), (second.Id, second.IsExtended, Convert.ToHexString(second.Data.ToArray())));
    }

    [Fact]
    public void An_interface_that_is_not_can_is_refused()
    {
        var e = Assert.Throws<CanBusException>(() => SocketCanBus.Open("lo"));

        Assert.Contains("not a CAN interface", e.Message, StringComparison.Ordinal);
    }
}
