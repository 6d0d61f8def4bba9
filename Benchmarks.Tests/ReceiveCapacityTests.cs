using Benchmarks.Firmware;
using static Benchmarks.Firmware.ReceiveCapacity;

namespace Benchmarks.Tests;

/// <summary>
/// <c>receive-capacity</c> (issue 10's receive figures, raw verify and receive interleaved round by round): its options,
/// the figures it derives from the rounds (ratios taken within each round, so a host slowing a whole round moves no
/// ratio), the OBU unit's budget read from the shipped unit file, and real runs on a small burst, in process and in the
/// child process it starts with the unit's budget.
/// </summary>
public sealed class ReceiveCapacityTests
{
    private CapacityOptions? _options;

    public static TheoryData<string, string[], int, int, int, GcBudget> Valid => new()
    {
        { "defaults", ["receive-capacity"], 30, 6, 4096, GcBudget.Both },
        { "every option", ["receive-capacity", "--rounds", "5", "--warm-up", "0", "--burst", "64", "--gc-budget", "obu"], 5, 0, 64, GcBudget.Obu },
        { "the runtime's budget", ["receive-capacity", "--gc-budget", "runtime"], 30, 6, 4096, GcBudget.Runtime },
        { "this process", ["receive-capacity", "--gc-budget", "as-is"], 30, 6, 4096, GcBudget.AsIs },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task The_command_gets_its_typed_options(string row, string[] args, int rounds, int warmUp, int burst, GcBudget budget)
    {
        var (code, _, error) = await Run(args);

        Assert.True(code == 0, $"{row}: {error}");
        Assert.Equal(new CapacityOptions(rounds, warmUp, burst, budget), _options);
    }

    public static TheoryData<string, string[], string> Usage => new()
    {
        { "no rounds", ["receive-capacity", "--rounds", "0"], "--rounds takes a whole number 1..1000" },
        { "a burst not of 16 neighbours", ["receive-capacity", "--burst", "100"], "--burst takes a multiple of 16" },
        { "a burst too small", ["receive-capacity", "--burst", "8"], "--burst" },
        { "an unknown budget", ["receive-capacity", "--gc-budget", "64MB"], "--gc-budget takes obu, runtime, both or as-is, not '64MB'" },
        { "an unknown option", ["receive-capacity", "--fast"], "--fast" },
    };

    [Theory]
    [MemberData(nameof(Usage))]
    public async Task Bad_usage_exits_2_and_measures_nothing(string row, string[] args, string message)
    {
        var (code, output, error) = await Run(args);

        Assert.True(code == 2, $"{row}: exit {code}, {error}");
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Null(_options);
    }

    [Fact]
    public void Each_ratio_is_taken_within_its_round_so_a_slowed_round_moves_no_ratio()
    {
        // Round 2 ran with the whole guest 1.5 times slower; the receive path's cost against raw verify is the same in both.
        Round[] rounds =
        [
            new(RawOne: 50, ReceiveOne: 55, RawAll: 25, ReceiveAll: 28, Gen0: 4, PauseMs: 10),
            new(RawOne: 75, ReceiveOne: 82.5, RawAll: 37.5, ReceiveAll: 42, Gen0: 2, PauseMs: 6),
            new(RawOne: 50, ReceiveOne: 55, RawAll: 25, ReceiveAll: 28, Gen0: 0, PauseMs: 2),
        ];

        var s = Summarise(rounds, burst: 1000);

        Assert.Equal(50 / 55.0, s.OneCoreRatio.Median, 9);
        Assert.Equal(50 / 55.0, s.OneCoreRatio.P10, 9);
        Assert.Equal(25 / 28.0, s.AllCoresRatio.Median, 9);
        Assert.Equal(25 / 28.0, s.AllCoresRatio.P90, 9);
        Assert.Equal(55 / 28.0, s.Speedup.Median, 9);
        Assert.Equal(50, s.RawOne);
        Assert.Equal(28, s.ReceiveAll);
        Assert.Equal(6 * 1000.0 / 6000, s.Gen0PerThousand, 9);
        Assert.Equal(6, s.PauseMsPerRound, 9);
    }

    [Fact]
    public void The_table_says_met_or_missed_against_085_by_the_median_ratio()
    {
        Round[] missed = [new(50, 52, 25, 31, 0, 0), new(50, 52, 25, 30, 0, 0), new(50, 52, 25, 29, 0, 0)];
        Round[] met = [new(50, 52, 25, 29, 0, 0), new(50, 52, 25, 28, 0, 0), new(50, 52, 25, 40, 0, 0)];

        var missedTable = Table(Summarise(missed, 1000));
        var metTable = Table(Summarise(met, 1000));

        Assert.Contains("| receive path, one core | 52.0 µs | 19,231/s | 0.96 (0.96-0.96): met |", missedTable, StringComparison.Ordinal);
        Assert.Contains("| receive path, all cores | 30.0 µs | 33,333/s | 0.83 (0.81-0.86): MISSED;", missedTable, StringComparison.Ordinal);
        Assert.Contains("| receive path, all cores | 29.0 µs | 34,483/s | 0.86 (0.67-0.89): met;", metTable, StringComparison.Ordinal);
    }

    [Fact]
    public void The_obu_budget_is_the_shipped_application_units()
    {
        Assert.Equal("0x4000000", ObuUnitBudget(Testing.TestInfra.RepoRoot));

        var root = Testing.TestInfra.NewTempDirectory("capacity-unit");
        try
        {
            var unit = Path.Combine(root, "packaging", "systemd", "obu-app.service");
            Directory.CreateDirectory(Path.GetDirectoryName(unit)!);
            File.WriteAllText(unit, "[Service]\nExecStart=/usr/bin/obu\n");
            var e = Assert.Throws<InvalidOperationException>(() => ObuUnitBudget(root));
            Assert.Contains("sets no DOTNET_GCgen0size", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_small_run_in_process_prints_every_burst_and_both_ratios()
    {
        using var output = new StringWriter();

        var code = await ReceiveCapacity.RunAsync(new CapacityOptions(Rounds: 2, WarmUp: 0, Burst: 64, GcBudget.AsIs), output, CancellationToken.None);

        var text = output.ToString();
        Assert.Equal(0, code);
        Assert.Contains("2 rounds after 0 warm-up rounds; bursts of 64 frames from 16 neighbours", text, StringComparison.Ordinal);
        foreach (var row in new[] { "| raw ECDsa P-256 verify, one core |", "| receive path, one core |", "| raw ECDsa P-256 verify, all cores |", "| receive path, all cores |" })
        {
            Assert.Contains(row, text, StringComparison.Ordinal);
        }

        Assert.Matches(@"\| receive path, all cores \| [0-9.]+ µs \| [0-9,]+/s \| [0-9.]+ \([0-9.]+-[0-9.]+\): (met|MISSED); [0-9.]+x one core", text);
    }

    [Fact]
    public async Task The_obu_budget_reaches_the_measuring_process()
    {
        using var output = new StringWriter();

        var code = await ReceiveCapacity.RunAsync(new CapacityOptions(Rounds: 1, WarmUp: 0, Burst: 32, GcBudget.Obu), output, CancellationToken.None);

        var text = output.ToString();
        Assert.True(code == 0, text);
        Assert.Contains("GC budget: the OBU application unit's (DOTNET_GCgen0size=0x4000000", text, StringComparison.Ordinal);
        Assert.Contains("GC gen-0 budget 64 MB (workstation)", text, StringComparison.Ordinal);
        Assert.Contains("| receive path, all cores |", text, StringComparison.Ordinal);
    }

    private static string Table(Summary s)
    {
        using var output = new StringWriter();
        Print(s, output);
        return output.ToString();
    }

    private async Task<(int Code, string Output, string Error)> Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = BenchmarksCli.Build((_, _) => Task.FromResult(0), _ => 0, (o, _) =>
        {
            _options = o;
            return Task.FromResult(0);
        });
        var code = await CommandLine.CliRunner.RunAsync("Benchmarks", root, args, output, error, BenchmarksCli.Classify, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
