using Bench.Cli;
using Firmware.Application.Receiving;

namespace Bench.Tests.Cli;

/// <summary>The flood command's options: the issue's scenario by default, every option, and usage errors refused.</summary>
public class FloodCommandTests
{
    [Fact]
    public void The_defaults_are_the_issues_scenario()
    {
        var o = FloodCommand.Parse(["flood"]);

        Assert.Equal((50, 10.0, 10_000.0, 1_500.0, 1.0), (o.Neighbours, o.CamHz, o.ForgedPerSecond, o.UncachedPerSecond, o.ReplayShare));
        Assert.Equal([VerifyOnDemandMode.Off, VerifyOnDemandMode.UnderLoad], o.Modes);
        Assert.Equal(TimeSpan.FromMilliseconds(100), o.Deadline);
    }

    [Fact]
    public void Every_option_is_read()
    {
        var o = FloodCommand.Parse(["flood", "--duration", "3", "--warmup", "0.5", "--neighbours", "20", "--cam-hz", "5", "--forged", "100", "--victims", "4",
            "--uncached", "50", "--uncached-tickets", "10", "--replays", "0.5", "--replay-delay", "50", "--random-digests", "170", "--workers", "3",
            "--verify-on-demand", "always", "--seed", "9"]);

        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(0.5), 20, 5.0, 100.0, 4), (o.Duration, o.Warmup, o.Neighbours, o.CamHz, o.ForgedPerSecond, o.Victims));
        Assert.Equal((50.0, 10, 0.5, TimeSpan.FromMilliseconds(50), 170.0, 3, 9), (o.UncachedPerSecond, o.UncachedTickets, o.ReplayShare, o.ReplayDelay, o.RandomDigestsPerSecond, o.Workers, o.Seed));
        Assert.Equal([VerifyOnDemandMode.Always], o.Modes);
    }

    public static TheoryData<string, string[]> Invalid => new()
    {
        { "another command", ["demo"] },
        { "unknown option", ["flood", "--fast", "1"] },
        { "option without value", ["flood", "--forged"] },
        { "more victims than neighbours", ["flood", "--neighbours", "3", "--victims", "4"] },
        { "a replay share above 1", ["flood", "--replays", "1.5"] },
        { "no flood", ["flood", "--duration", "0"] },
        { "an unknown verify-on-demand mode", ["flood", "--verify-on-demand", "sometimes"] },
        { "no workers", ["flood", "--workers", "0"] },
        { "not a number", ["flood", "--forged", "lots"] },
        { "a report folder without its name", ["flood", "--duration", "1", "--out"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Usage_errors_are_refused(string row, string[] args)
    {
        var e = Record.Exception(() => FloodCommand.Parse(args));

        Assert.True(e is ArgumentException, $"{row}: {e?.GetType().Name ?? "accepted"}");
    }
}
