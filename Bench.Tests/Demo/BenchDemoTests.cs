using Bench.Demo;

namespace Bench.Tests.Demo;

/// <summary>When a tick of the demo's schedule reads the hub: only for a line it prints.</summary>
public class BenchDemoTests
{
    public static TheoryData<string, bool, bool, bool> Ticks => new()
    {
        { "plain, clean phase, no table printed", false, false, false },
        { "plain, the tick that prints the clean phase's table", false, true, true },
        { "plain, tampered phase after the clean table", false, false, false },
        { "in place, any tick redraws the table and the hub line", true, false, true },
    };

    [Theory]
    [MemberData(nameof(Ticks))]
    public void The_hub_is_read_only_for_a_printed_line(string row, bool inPlace, bool printingCleanTable, bool due)
    {
        Assert.Equal(due, BenchDemo.HubLineDue(inPlace, printingCleanTable));
        Assert.False(string.IsNullOrEmpty(row));
    }
}
