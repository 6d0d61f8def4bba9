using Hardware.Radio;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Tests.Radio;

public class SimulatedRadioMediumTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Every_other_node_hears_a_frame_with_the_time_and_sender()
    {
        var medium = new SimulatedRadioMedium(_time);
        var a = medium.Attach("a");
        var b = medium.Attach("b");
        var c = medium.Attach("c");

        await a.SendAsync(new byte[] { 1, 2, 3 });

        foreach (var node in new[] { b, c })
        {
            var f = await node.ReceiveAsync();
            Assert.Equal([1, 2, 3], f.Bytes);
            Assert.Equal(("a", _time.GetUtcNow()), (f.Sender, f.ReceivedAt));
        }

        Assert.False(a.ReceiveAsync().IsCompleted);
    }

    [Fact]
    public async Task Drop_rule_loses_exactly_the_chosen_deliveries()
    {
        var medium = new SimulatedRadioMedium(_time);
        var a = medium.Attach("a");
        var b = medium.Attach("b");
        var c = medium.Attach("c");
        medium.SetDropRule((from, to, frame) => to == "c" && frame[0] == 1);

        await a.SendAsync(new byte[] { 1 });
        await a.SendAsync(new byte[] { 2 });

        Assert.Equal([1], (await b.ReceiveAsync()).Bytes);
        Assert.Equal([2], (await c.ReceiveAsync()).Bytes);
        Assert.Equal(1, medium.DroppedFrames);
    }

    [Fact]
    public async Task Full_probability_loses_everything_and_own_frames_come_back_when_asked()
    {
        var medium = new SimulatedRadioMedium(_time);
        var a = medium.Attach("a", receiveOwnFrames: true);
        var b = medium.Attach("b");

        await a.SendAsync(new byte[] { 7 });
        Assert.Equal([7], (await a.ReceiveAsync()).Bytes);

        medium.SetLossProbability(1);
        await a.SendAsync(new byte[] { 8 });
        Assert.Equal([7], (await b.ReceiveAsync()).Bytes);
        Assert.False(b.ReceiveAsync().IsCompleted);
    }

    [Fact]
    public async Task A_full_queue_drops_its_oldest_frames()
    {
        var medium = new SimulatedRadioMedium(_time);
        var a = medium.Attach("a");
        var b = medium.Attach("b", queueCapacity: 2);

        for (byte i = 1; i <= 5; i++)
        {
            await a.SendAsync(new[] { i });
        }

        Assert.Equal([4], (await b.ReceiveAsync()).Bytes);
        Assert.Equal([5], (await b.ReceiveAsync()).Bytes);
    }

    [Fact]
    public async Task A_full_queue_reports_every_frame_it_drops()
    {
        // The receiver remembers these, so an exact copy arriving later is a duplicate (Docs/trust-decisions.md, "Under load").
        var medium = new SimulatedRadioMedium(_time);
        var a = medium.Attach("a");
        var b = medium.Attach("b", queueCapacity: 2);
        var dropped = new List<byte>();
        ((IRadioDropReport)b).FrameDropped += f => dropped.Add(f.Bytes[0]);

        for (byte i = 1; i <= 5; i++)
        {
            await a.SendAsync(new[] { i });
        }

        Assert.Equal([1, 2, 3], dropped);
        Assert.Equal([4], (await b.ReceiveAsync()).Bytes);
    }
}
