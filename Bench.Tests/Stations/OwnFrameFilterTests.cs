using Bench.Stations;
using Hardware.Radio;
using Microsoft.Extensions.Time.Testing;
using V2x.Link;

namespace Bench.Tests.Stations;

public class OwnFrameFilterTests
{
    private static readonly MacAddress Own = MacAddress.Parse("02:11:22:33:44:55");

    public static TheoryData<string, byte[], bool> Frames => new()
    {
        { "another station's frame passes", Frame(MacAddress.Parse("02:aa:bb:cc:dd:ee")), true },
        { "own frame (replayed by someone else) is dropped", Frame(Own), false },
        { "runt frame shorter than the source address passes to the pipeline (which rejects it as malformed)", [0x01, 0x02, 0x03], true },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public async Task Drops_only_frames_from_the_station_own_address(string row, byte[] frame, bool delivered)
    {
        var medium = new SimulatedRadioMedium(new FakeTimeProvider());
        var filtered = new OwnFrameFilter(medium.Attach("me"), () => Own);
        var other = medium.Attach("other");
        byte[] marker = Frame(MacAddress.Parse("02:00:00:00:00:99"));

        await other.SendAsync(frame);
        await other.SendAsync(marker);

        var first = await filtered.ReceiveAsync();
        Assert.Equal(delivered ? frame : marker, first.Bytes);
        Assert.Equal(delivered ? 0 : 1, filtered.DroppedOwnFrames);
        Assert.False(string.IsNullOrEmpty(row));
    }

    [Fact]
    public async Task Before_the_station_has_an_address_nothing_is_dropped()
    {
        var medium = new SimulatedRadioMedium(new FakeTimeProvider());
        var filtered = new OwnFrameFilter(medium.Attach("me"), () => null);
        await medium.Attach("other").SendAsync(Frame(Own));
        Assert.Equal(Frame(Own), (await filtered.ReceiveAsync()).Bytes);
    }

    private static byte[] Frame(MacAddress source)
    {
        var frame = new byte[60];
        MacAddress.Broadcast.WriteTo(frame);
        source.WriteTo(frame.AsSpan(6));
        frame[12] = 0x89;
        frame[13] = 0x47;
        return frame;
    }
}
