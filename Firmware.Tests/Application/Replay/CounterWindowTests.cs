using Firmware.Application.Replay;

namespace Firmware.Tests.Application.Replay;

/// <summary>The per-sender sliding window: sequences of counters and what each one is, wrap included.</summary>
public sealed class CounterWindowTests
{
    // name, counters accepted before, the counter checked, expected verdict
    public static TheoryData<string, uint[], uint, CounterVerdict> Rows => new()
    {
        { "first counter of a sender", [], 1000, CounterVerdict.First },
        { "next counter", [1000], 1001, CounterVerdict.Ahead },
        { "a gap (lost messages)", [1000], 1500, CounterVerdict.Ahead },
        { "same counter again", [1000, 1001], 1001, CounterVerdict.Duplicate },
        { "older counter seen", [1000, 1001, 1002], 1000, CounterVerdict.Duplicate },
        { "older counter not seen (reordered)", [1000, 1002], 1001, CounterVerdict.InWindow },
        { "63 behind, not seen", [1000, 1063], 1000 + 1, CounterVerdict.InWindow },
        { "64 behind", [1000, 1064], 1000, CounterVerdict.TooOld },
        { "wrap: 2^32-1 then 0", [uint.MaxValue - 1, uint.MaxValue], 0, CounterVerdict.Ahead },
        { "wrap: 1 after 0", [uint.MaxValue, 0], 1, CounterVerdict.Ahead },
        { "wrap: 2^32-1 replayed after 0", [uint.MaxValue, 0], uint.MaxValue, CounterVerdict.Duplicate },
        { "wrap: reordered across the wrap", [uint.MaxValue - 1, 1], uint.MaxValue, CounterVerdict.InWindow },
        { "2^31 away is undefined (RFC 1982): refused", [0], 0x8000_0000, CounterVerdict.TooOld },
        { "just under 2^31 ahead", [0], 0x7FFF_FFFF, CounterVerdict.Ahead },
        { "a jump of 100 000 then an old one", [5, 100_005], 6, CounterVerdict.TooOld },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Counters_are_classified_by_the_window(string name, uint[] before, uint counter, CounterVerdict expected)
    {
        var window = default(CounterWindow);
        foreach (var c in before)
        {
            window.Accept(c);
        }

        Assert.True(expected == window.Check(counter), name);
    }

    [Theory]
    [InlineData(1001u)]
    [InlineData(900u)]
    public void Accepting_a_refused_counter_is_a_caller_mistake_and_leaves_the_window_as_it_was(uint counter)
    {
        var window = default(CounterWindow);
        window.Accept(1000);
        window.Accept(1001);
        var before = window;

        Assert.Throws<ArgumentException>(() => window.Accept(counter));
        Assert.Equal(before, window);
    }

    [Fact]
    public void A_long_run_across_the_wrap_is_never_refused_and_every_replay_is()
    {
        var window = default(CounterWindow);
        var start = uint.MaxValue - 1000;
        for (var i = 0u; i < 3000; i++)
        {
            var c = unchecked(start + i);
            Assert.NotEqual(CounterVerdict.Duplicate, window.Check(c));
            window.Accept(c);
            Assert.Equal(CounterVerdict.Duplicate, window.Check(c));
        }

        Assert.Equal(unchecked(start + 2999), window.Highest);
    }

    [Fact]
    public void The_window_is_sixteen_octets() => Assert.Equal(16, System.Runtime.CompilerServices.Unsafe.SizeOf<CounterWindow>());
}
