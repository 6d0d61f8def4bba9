using Bench.Cli;
using Testing;

namespace Bench.Tests.Mobility;

/// <summary>The bench command line's SUMO options: parsed, validated, and a missing SUMO is a usage error (exit 2).</summary>
public class SumoCliTests
{
    private static readonly string Motorway = Path.Combine(TestInfra.RepoRoot, "Bench", "Scenarios", "Sumo", "motorway", "motorway.sumocfg");

    [Fact]
    public void Parses_the_sumo_options()
    {
        var (options, _) = BenchCli.Parse(["demo", "--sumo", Motorway, "--pacing", "2.5", "--sumo-obus", "100", "--range", "500", "--loss-from", "300"], terminal: false);

        var sumo = Assert.IsType<Bench.Mobility.SumoSettings>(options.Sumo);
        Assert.Equal((Motorway, 2.5, 100, 500.0, 300.0), (sumo.Configuration, sumo.Pacing, sumo.MaxObus, sumo.RangeMeters!.Value, sumo.LossFromMeters!.Value));
        Assert.Null(BenchCli.Parse(["demo"], terminal: false).Options.Sumo);
        Assert.Equal(Firmware.Application.Receiving.VerifyOnDemandMode.Off, sumo.VerifyOnDemand);
    }

    [Theory]
    [InlineData("off", Firmware.Application.Receiving.VerifyOnDemandMode.Off)]
    [InlineData("under-load", Firmware.Application.Receiving.VerifyOnDemandMode.UnderLoad)]
    [InlineData("always", Firmware.Application.Receiving.VerifyOnDemandMode.Always)]
    public void Verify_on_demand_goes_to_the_OBUs_receivers(string given, Firmware.Application.Receiving.VerifyOnDemandMode mode)
    {
        var (options, _) = BenchCli.Parse(["demo", "--sumo", Motorway, "--verify-on-demand", given], terminal: false);

        Assert.Equal(mode, options.Sumo!.VerifyOnDemand);
    }

    public static TheoryData<string, string[]> Invalid => new()
    {
        { "pacing without --sumo", ["demo", "--pacing", "2"] },
        { "range without --sumo", ["demo", "--range", "300"] },
        { "verify-on-demand without --sumo", ["demo", "--verify-on-demand", "always"] },
        { "unknown verify-on-demand mode", ["demo", "--sumo", "x.sumocfg", "--verify-on-demand", "sometimes"] },
        { "pacing too fast", ["demo", "--sumo", "x.sumocfg", "--pacing", "50"] },
        { "pacing zero", ["demo", "--sumo", "x.sumocfg", "--pacing", "0"] },
        { "no OBU", ["demo", "--sumo", "x.sumocfg", "--sumo-obus", "0"] },
        { "loss without a range", ["demo", "--sumo", "x.sumocfg", "--loss-from", "100"] },
        { "loss beyond the range", ["demo", "--sumo", "x.sumocfg", "--range", "100", "--loss-from", "200"] },
        { "negative range", ["demo", "--sumo", "x.sumocfg", "--range", "-1"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task A_bad_sumo_option_is_a_usage_error(string row, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BenchCli.RunAsync(args, Environment.GetEnvironmentVariable, output, error, terminal: false, CancellationToken.None);

        Assert.True(code == 2, $"{row}: exit {code}, {error}");
    }

    [Fact]
    public async Task Sumo_not_installed_is_a_clear_error_and_exit_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var folder = Path.Combine(TestInfra.NewTempDirectory("sumo-cli"), "out");

        var code = await BenchCli.RunAsync(["demo", "--sumo", Motorway, "--out", folder, "--keystore", "memory"], v => v == "PATH" ? "/nonexistent" : null, output, error,
            terminal: false, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("SUMO is not installed", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_missing_scenario_is_a_clear_error_and_exit_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var folder = Path.Combine(TestInfra.NewTempDirectory("sumo-cli"), "out");

        var code = await BenchCli.RunAsync(["demo", "--sumo", "/nonexistent/none.sumocfg", "--out", folder, "--keystore", "memory"], Environment.GetEnvironmentVariable,
            output, error, terminal: false, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("none.sumocfg does not exist", error.ToString(), StringComparison.Ordinal);
    }
}
