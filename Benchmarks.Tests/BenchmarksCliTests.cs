using Benchmarks.Community.Scale;

namespace Benchmarks.Tests;

/// <summary>
/// The Benchmarks command line (System.CommandLine, CommandLine/'s conventions), run in process with the commands'
/// work replaced by recorders: hub-scale's options are typed and validated (exit 2 with one message naming the option),
/// BenchmarkDotNet's own arguments reach its switcher untouched, and anything else is a usage error.
/// </summary>
public sealed class BenchmarksCliTests
{
    private ScaleOptions? _scale;
    private string[]? _switched;

    public static TheoryData<string, string[], long, int, int, int, string, bool> ValidScale => new()
    {
        { "defaults", ["hub-scale"], 1_000_000, 20, 100, 30, "sqlite,postgres", false },
        { "every option", ["hub-scale", "--preload", "5000", "--envelopes", "3", "--rate", "40", "--seconds", "5", "--backends", "postgres", "--explain"], 5000, 3, 40, 5, "postgres", true },
        { "backends in the order given, spaces trimmed", ["hub-scale", "--backends", "postgres, sqlite"], 1_000_000, 20, 100, 30, "postgres,sqlite", false },
        { "an empty store", ["hub-scale", "--preload", "0", "--backends", "sqlite"], 0, 20, 100, 30, "sqlite", false },
    };

    [Theory]
    [MemberData(nameof(ValidScale))]
    public async Task Hub_scale_gets_its_typed_options(string row, string[] args, long preload, int envelopes, int rate, int seconds, string backends, bool explain)
    {
        var (code, _, error) = await Run(args);

        Assert.True(code == 0, $"{row}: {error}");
        Assert.Equal(new ScaleOptions(preload, envelopes, rate, seconds, _scale!.Backends, explain), _scale);
        Assert.Equal(backends, string.Join(',', _scale.Backends));
        Assert.Null(_switched);
    }

    public static TheoryData<string, string[], string> Usage => new()
    {
        { "no arguments", [], "name the benchmarks" },
        { "an unknown command", ["hub-scal"], "'hub-scal' is not a command" },
        { "unknown hub-scale option", ["hub-scale", "--fast"], "--fast" },
        { "rate zero", ["hub-scale", "--rate", "0"], "--rate takes a whole number 1..10000" },
        { "preload not a number", ["hub-scale", "--preload", "lots"], "--preload takes a whole number" },
        { "negative seconds", ["hub-scale", "--seconds", "-5"], "--seconds" },
        { "option without its value", ["hub-scale", "--envelopes"], "--envelopes" },
        { "an unknown backend", ["hub-scale", "--backends", "sqlite,mysql"], "--backends takes sqlite, postgres" },
        { "a backend twice", ["hub-scale", "--backends", "sqlite,sqlite"], "each once" },
        { "no backend", ["hub-scale", "--backends", ","], "--backends" },
        { "explain with a value", ["hub-scale", "--explain", "yes"], "yes" },
    };

    [Theory]
    [MemberData(nameof(Usage))]
    public async Task Bad_usage_exits_2_with_one_message_and_runs_nothing(string row, string[] args, string message)
    {
        var (code, output, error) = await Run(args);

        Assert.True(code == 2, $"{row}: exit {code}, {error}");
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("--help)", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Null(_scale);
        Assert.Null(_switched);
    }

    public static TheoryData<string, string[]> SwitcherArguments => new()
    {
        { "everything", ["--filter", "*"] },
        { "one suite, short job, in process", ["--filter", "*SignedCam*", "--job", "short", "--inProcess"] },
        { "the list", ["--list", "flat"] },
        { "several filters", ["--filter", "*Crl*", "*Ingest*", "--warmupCount", "1"] },
    };

    [Theory]
    [MemberData(nameof(SwitcherArguments))]
    public async Task BenchmarkDotNet_arguments_reach_its_switcher_untouched(string row, string[] args)
    {
        var (code, _, error) = await Run(args);

        Assert.True(code == 0, $"{row}: {error}");
        Assert.Equal(args, _switched);
        Assert.Null(_scale);
    }

    [Fact]
    public async Task Help_is_generated_and_names_the_commands_and_the_switcher()
    {
        var (root, output, _) = await Run(["--help"]);
        var (scale, scaleHelp, _) = await Run(["hub-scale", "--help"]);

        Assert.Equal(0, root);
        Assert.Contains("hub-scale", output, StringComparison.Ordinal);
        Assert.Contains("--filter", output, StringComparison.Ordinal);
        Assert.Equal(0, scale);
        foreach (var option in new[] { "--preload", "--envelopes", "--rate", "--seconds", "--backends", "--explain" })
        {
            Assert.Contains(option, scaleHelp, StringComparison.Ordinal);
        }

        Assert.Null(_scale);
        Assert.Null(_switched);
    }

    [Fact]
    public async Task A_failing_run_exits_1_with_its_message()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = BenchmarksCli.Build((_, _) => throw new InvalidOperationException("the store broke"), _ => 0, (_, _) => Task.FromResult(0));

        var code = await CommandLine.CliRunner.RunAsync("Benchmarks", root, ["hub-scale", "--backends", "sqlite"], output, error, BenchmarksCli.Classify, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Equal("Benchmarks hub-scale: the store broke", error.ToString().Trim());
    }

    private async Task<(int Code, string Output, string Error)> Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = BenchmarksCli.Build((o, _) =>
        {
            _scale = o;
            return Task.FromResult(0);
        }, a =>
        {
            _switched = a;
            return 0;
        }, (_, _) => Task.FromResult(0));
        var code = await CommandLine.CliRunner.RunAsync("Benchmarks", root, args, output, error, BenchmarksCli.Classify, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
