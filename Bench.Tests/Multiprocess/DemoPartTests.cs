using Bench.Cli;
using Bench.Demo;

namespace Bench.Tests.Multiprocess;

/// <summary>The split of a scenario over parts (<see cref="DemoPart"/>) and the demo's part options on the command line.</summary>
public class DemoPartTests
{
    public static TheoryData<string, string, int, int[]> Splits => new()
    {
        { "4 OBUs in halves, first", "1/2", 4, [0, 1] },
        { "4 OBUs in halves, second", "2/2", 4, [2, 3] },
        { "5 OBUs: the first part one larger", "1/2", 5, [0, 1, 2] },
        { "5 OBUs: the second part the rest", "2/2", 5, [3, 4] },
        { "7 OBUs over 3, middle", "2/3", 7, [3, 4] },
        { "4 OBUs over 4, last", "4/4", 4, [3] },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Each_part_runs_its_block_of_the_scenarios_OBUs(string row, string part, int obus, int[] expected)
    {
        Assert.Equal(expected, DemoPart.Parse(part).Obus(obus));
        Assert.False(string.IsNullOrEmpty(row));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_parts_together_run_every_OBU_once(int parts)
    {
        foreach (var obus in Enumerable.Range(4, 9))
        {
            var all = Enumerable.Range(1, parts).SelectMany(k => new DemoPart(k, parts).Obus(obus)).ToList();
            Assert.Equal(Enumerable.Range(0, obus), all);
        }
    }

    [Theory]
    [InlineData("no slash", "2")]
    [InlineData("one part is no split", "1/1")]
    [InlineData("five parts", "1/5")]
    [InlineData("part zero", "0/2")]
    [InlineData("part beyond the count", "3/2")]
    [InlineData("signed", "+1/2")]
    [InlineData("three fields", "1/2/3")]
    [InlineData("words", "one/two")]
    public void Refuses_a_malformed_part(string row, string text)
    {
        var e = Assert.Throws<ArgumentException>(() => DemoPart.Parse(text));
        Assert.Contains("K/N", e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(row));
    }

    [Fact]
    public void Parses_a_part_with_its_radio_and_PKI()
    {
        var (options, _) = BenchCli.Parse(["demo", "--part", "2/2", "--radio-interface", "10.47.15.2", "--radio-port", "47001", "--pki", "/tmp/shared-pki"], terminal: false);

        Assert.Equal(new DemoPart(2, 2), options.Part);
        Assert.Equal(System.Net.IPAddress.Parse("10.47.15.2"), options.RadioInterface);
        Assert.Equal(47001, options.RadioPort);
        Assert.Equal("/tmp/shared-pki", options.SharedPki);
    }

    public static TheoryData<string, string[], string> InvalidParts => new()
    {
        { "no radio port: the parts would not meet", ["demo", "--part", "1/2", "--pki", "/tmp/p"], "--radio-port" },
        { "no shared PKI: the parts would not trust each other", ["demo", "--part", "1/2", "--radio-port", "47001"], "--pki" },
        { "--pki without --part", ["demo", "--pki", "/tmp/p"], "--part" },
        { "--radio-interface without --part", ["demo", "--radio-interface", "10.0.0.1"], "--part" },
        { "not an address", ["demo", "--part", "1/2", "--radio-port", "47001", "--pki", "/tmp/p", "--radio-interface", "eth0"], "IPv4" },
        { "an IPv6 interface", ["demo", "--part", "1/2", "--radio-port", "47001", "--pki", "/tmp/p", "--radio-interface", "::1"], "IPv4" },
        { "the live view is not offered with parts", ["demo", "--part", "1/2", "--radio-port", "47001", "--pki", "/tmp/p", "--live", "0"], "--live" },
        { "the roster port (radio port + 1) must exist", ["demo", "--part", "1/2", "--radio-port", "65535", "--pki", "/tmp/p"], "" },
        { "malformed part", ["demo", "--part", "2", "--radio-port", "47001", "--pki", "/tmp/p"], "K/N" },
    };

    [Theory]
    [MemberData(nameof(InvalidParts))]
    public void Refuses_a_part_that_could_not_meet_the_others(string row, string[] args, string says)
    {
        var e = Assert.Throws<ArgumentException>(() => BenchCli.Parse(args, terminal: false));
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(row));
    }
}
