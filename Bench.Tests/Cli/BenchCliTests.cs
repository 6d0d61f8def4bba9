using Bench.Cli;

namespace Bench.Tests.Cli;

public class BenchCliTests
{
    public static TheoryData<string, string[], double, int, int, double, string> Valid => new()
    {
        { "defaults", ["demo"], 30, 4, 1, 5, "auto" },
        { "every option", ["demo", "--duration", "12", "--obus", "6", "--seed", "7", "--scan-period", "2", "--keystore", "memory", "--out", "/tmp/x"], 12, 6, 7, 2, "memory" },
        { "fractional seconds", ["demo", "--duration", "20.5", "--scan-period", "1.5"], 20.5, 4, 1, 1.5, "auto" },
        { "token asked for", ["demo", "--keystore", "pkcs11"], 30, 4, 1, 5, "pkcs11" },
        { "the shortest run whose schedule fits (1 s scans, 4 OBUs)", ["demo", "--scan-period", "1", "--duration", "7.2"], 7.2, 4, 1, 1, "auto" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_the_demo_options(string row, string[] args, double seconds, int obus, int seed, double scan, string keystore)
    {
        var (options, store) = BenchCli.Parse(args, terminal: false);

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.Duration);
        Assert.Equal(obus, options.ObuCount);
        Assert.Equal(seed, options.Seed);
        Assert.Equal(TimeSpan.FromSeconds(scan), options.ScanPeriod);
        Assert.Equal(keystore, store);
        Assert.True(Path.IsPathRooted(options.OutputDirectory), row);
    }

    [Theory]
    [InlineData("hub by default", new[] { "demo" }, true)]
    [InlineData("--no-hub", new[] { "demo", "--no-hub", "--duration", "20" }, false)]
    public void The_hub_runs_unless_no_hub(string row, string[] args, bool hub)
    {
        var (options, _) = BenchCli.Parse(args, terminal: false);

        Assert.Equal(hub, options.Hub);
        Assert.False(string.IsNullOrEmpty(row));
    }

    public static TheoryData<string, string[]> Invalid => new()
    {
        { "no command", [] },
        { "another command", ["serve"] },
        { "unknown option", ["demo", "--fast"] },
        { "option without value", ["demo", "--obus"] },
        { "three OBUs", ["demo", "--obus", "3"] },
        { "thirteen OBUs", ["demo", "--obus", "13"] },
        { "duration below four scan periods", ["demo", "--duration", "19", "--scan-period", "5"] },
        { "scan period too short", ["demo", "--scan-period", "0.1"] },
        { "1 s scans over 4 s: the tampered phase's EEBLs would fire after the end", ["demo", "--scan-period", "1", "--duration", "4"] },
        { "0.5 s scans over 2 s: no room for the attack", ["demo", "--scan-period", "0.5", "--duration", "2"] },
        { "just short of the schedule (1 s scans, 4 OBUs, 7.1 s)", ["demo", "--scan-period", "1", "--duration", "7.1"] },
        { "twelve OBUs' EEBLs do not fit 10 s of 2 s scans", ["demo", "--obus", "12", "--scan-period", "2", "--duration", "10"] },
        { "not a number", ["demo", "--duration", "soon"] },
        { "not finite", ["demo", "--duration", "NaN"] },
        { "seed not an integer", ["demo", "--seed", "1.5"] },
        { "unknown key store", ["demo", "--keystore", "tpm"] },
        { "no-hub with a value is an unknown option after it", ["demo", "--no-hub", "yes"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Refuses_bad_usage(string row, string[] args)
    {
        Assert.Throws<ArgumentException>(() => BenchCli.Parse(args, terminal: false));
        Assert.False(string.IsNullOrEmpty(row));
    }

    [Fact]
    public async Task Bad_usage_exits_2_with_the_usage_text_and_creates_nothing()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BenchCli.RunAsync(["demo", "--obus", "2"], _ => null, output, error, terminal: false, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("(see Bench demo --help)", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task A_schedule_that_does_not_fit_exits_2_before_anything_is_created()
    {
        var folder = Testing.TestInfra.NewTempDirectory("bench-cli");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BenchCli.RunAsync(["demo", "--scan-period", "0.5", "--duration", "2", "--keystore", "memory", "--out", Path.Combine(folder, "out")], _ => null,
            output, error, terminal: false, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("schedule needs at least 6.2 s", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public async Task Pkcs11_without_a_configured_token_exits_2_instead_of_falling_back_to_memory()
    {
        var folder = Testing.TestInfra.NewTempDirectory("bench-cli");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BenchCli.RunAsync(["demo", "--keystore", "pkcs11", "--out", Path.Combine(folder, "out")], _ => null, output, error, terminal: false,
            CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("V2X_PKCS11_LIB", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    public static TheoryData<string, string> Unwritable => new()
    {
        // sysfs refuses mkdir even to root (EPERM), which .NET raises as UnauthorizedAccessException.
        { "an output folder under /sys", "/sys/bench-cli-" + Guid.NewGuid().ToString("N") },
    };

    [Theory]
    [MemberData(nameof(Unwritable))]
    public async Task An_output_folder_that_cannot_be_created_exits_1_with_a_clear_message(string row, string folder)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BenchCli.RunAsync(["demo", "--keystore", "memory", "--no-hub", "--out", folder], _ => null, output, error, terminal: false,
            CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains($"demo failed: the output folder {folder} cannot be written", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder), row);
    }

    public static TheoryData<string, string[], int, string> CommandLineRows => new()
    {
        { "--help lists the commands", ["--help"], 0, "misbehaviour" },
        { "a command's --help lists its options", ["flood", "--help"], 0, "--verify-on-demand" },
        { "unknown option", ["demo", "--fast"], 2, "Unrecognized command or argument '--fast'" },
        { "missing required option", ["report"], 2, "Option '--recording' is required" },
        { "unparsable duration", ["demo", "--duration", "soon"], 2, "--duration takes a duration such as 30 (seconds), 2.5, 500ms, 5m or 1h" },
        { "bad choice", ["demo", "--carrier", "pigeon"], 2, "pigeon" },
        { "a recording that is not there", ["report", "--recording", "/nonexistent/recording"], 2, "/nonexistent/recording" },
        { "a recording that is not one", ["report", "--recording", "/proc/self"], 1, "Bench report:" },
        { "success", ["misbehaviour", "--duration", "20", "--genuine", "4", "--attackers", "1", "--receivers", "1"], 0, "recall" },
    };

    [Theory]
    [MemberData(nameof(CommandLineRows))]
    public async Task Command_line_is_read_by_system_commandline(string name, string[] args, int code, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var got = await BenchCli.RunAsync(args, _ => null, output, error, terminal: false, CancellationToken.None);
        Assert.True(code == got, $"{name}: exit {got} {error}");
        Assert.True((code == 0 ? output.ToString() : error.ToString()).Contains(message, StringComparison.Ordinal), $"{name}: {output} {error}");
    }
}
