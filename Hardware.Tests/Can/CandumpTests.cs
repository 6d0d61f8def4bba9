using Hardware.Can;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Tests.Can;

/// <summary>
/// can-utils' candump log format (lines as `candump -l` writes them, see candump(1)): rows of good and bad lines, the
/// replay bus pacing frames on the clock, and sent frames written back in the same format.
/// </summary>
public sealed class CandumpTests
{
    public static TheoryData<string, string, uint, bool, string> Good => new()
    {
        { "11-bit id", "(1436509052.249713) vcan0 044#2A366C2BBA", 0x044, false, "2A366C2BBA" },
        { "29-bit id", "(1436509052.650132) vcan0 0F6A41C3#1122", 0x0F6A41C3, true, "1122" },
        { "no data", "(1436509053.000001) can0 3E0#", 0x3E0, false, "" },
    };

    [Theory]
    [MemberData(nameof(Good))]
    public void Lines_parse(string name, string line, uint id, bool extended, string data)
    {
        var (time, iface, frame) = CandumpLog.Parse(line);

        Assert.Equal(id, frame.Id);
        Assert.Equal(extended, frame.IsExtended);
        Assert.Equal(data, Convert.ToHexString(frame.Data.ToArray()));
        Assert.StartsWith("(", CandumpLog.Format(time, iface, frame), StringComparison.Ordinal);
        Assert.Equal(line, CandumpLog.Format(time, iface, frame), ignoreCase: true);
        Assert.NotEmpty(name);
    }

    public static TheoryData<string, string> Bad => new()
    {
        { "no timestamp", "vcan0 044#2A" },
        { "CAN FD", "(1436509052.249713) vcan0 044##12A36" },
        { "remote frame", "(1436509052.249713) vcan0 044#R" },
        { "odd data digits", "(1436509052.249713) vcan0 044#2A3" },
        { "nine data octets", "(1436509052.249713) vcan0 044#112233445566778899" },
        { "11-bit id out of range", "(1436509052.249713) vcan0 800#00" },
        { "error frame flag", "(1436509052.249713) vcan0 20000080#0000000000000000" },
        { "not hex", "(1436509052.249713) vcan0 04G#00" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Bad_lines_are_typed_errors(string name, string line)
    {
        Assert.Throws<CanBusException>(() => CandumpLog.Parse(line));
        Assert.NotEmpty(name);
    }

    [Fact]
    public async Task The_replay_bus_delivers_frames_at_their_offsets()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        using var sent = new StringWriter();
        using var bus = new CandumpReplayBus(
        [
            "(1700000000.000000) can0 1A0#5C2B000000000000",
            "(1700000000.500000) can0 1A0#5C2B0170FE000000",
            "(1700000001.000000) can0 1A1#01",
        ], clock, sent);

        clock.Advance(TimeSpan.Zero);
        Assert.Equal(0x1A0u, (await bus.ReceiveAsync()).Id);
        var second = bus.ReceiveAsync();
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(0x01, (await second).Data[2]);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(0x1A1u, (await bus.ReceiveAsync()).Id);
        await Assert.ThrowsAsync<System.Threading.Channels.ChannelClosedException>(async () => await bus.ReceiveAsync());

        await bus.SendAsync(new CanFrame(0x3E0, false, [1, 1, 2, 0x20, 0, 0, 1, 0x24]));
        Assert.Equal("(1772445601.000000) can0 3E0#0101022000000124", sent.ToString().Trim());
    }

    [Fact]
    public void A_bad_line_in_a_log_names_its_number()
    {
        var e = Assert.Throws<CanBusException>(() => new CandumpReplayBus(["(1.000000) can0 1A0#00", "garbage"], TimeProvider.System));

        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }
}
