using Fuzzing.Targets;

namespace Fuzzing.Tests;

/// <summary>
/// The Fuzzing command line (System.CommandLine, CommandLine/'s conventions), run in process: generated help, the
/// targets checked at parse time, usage errors exit 2 with one message, a run over inputs exits 0 (1 on a finding),
/// seed writes the corpus. (<c>fuzz</c> is afl's: scripts/fuzz.sh.)
/// </summary>
public sealed class FuzzingCliTests
{
    public static TheoryData<string, string[], string> Usage => new()
    {
        { "no command", [], "Required command" },
        { "an unknown command", ["minimise", "receive"], "minimise" },
        { "an unknown target", ["run", "jpeg", "x"], "jpeg" },
        { "run without inputs", ["run", "receive"], "inputs" },
        { "run on a missing file", ["run", "pcap", "/nonexistent/input"], "no such file or folder: /nonexistent/input" },
        { "fuzz without a target", ["fuzz"], "target" },
        { "fuzz with two targets", ["fuzz", "receive", "pcap"], "pcap" },
        { "seed without a corpus folder", ["seed", "pcap"], "corpus" },
        { "list with an argument", ["list", "receive"], "receive" },
        { "an unknown option", ["run", "pcap", "--fast", "x"], "--fast" },
    };

    [Theory]
    [MemberData(nameof(Usage))]
    public async Task Bad_usage_exits_2_with_one_message(string row, string[] args, string message)
    {
        var (code, output, error) = await Run(args);

        Assert.True(code == 2, $"{row}: exit {code}, {error}");
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("--help)", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Help_is_generated_and_list_prints_the_targets()
    {
        var (help, helpText, _) = await Run(["--help"]);
        var (run, runHelp, _) = await Run(["run", "--help"]);
        var (list, targets, _) = await Run(["list"]);

        Assert.Equal(0, help);
        Assert.All(new[] { "fuzz", "run", "seed", "list" }, c => Assert.Contains(c, helpText, StringComparison.Ordinal));
        Assert.Equal(0, run);
        Assert.Contains("receive, pcap, partition, taxii, pki", runHelp, StringComparison.Ordinal);
        Assert.Equal(0, list);
        Assert.Equal(FuzzTargets.Names, targets.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Seed_writes_the_corpus_and_run_replays_it_with_exit_0()
    {
        var folder = Directory.CreateTempSubdirectory("fuzzing-cli-").FullName;
        var corpus = Path.Combine(folder, "pcap");

        var (seed, seeded, seedError) = await Run(["seed", "pcap", corpus]);
        var files = Directory.GetFiles(corpus);
        var (run, ran, runError) = await Run(["run", "pcap", corpus]);

        Assert.True(seed == 0, seedError);
        Assert.NotEmpty(files);
        Assert.Equal(files.Length, seeded.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(run == 0, runError + ran);
        Assert.Equal(files.Length, ran.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("FINDING", ran, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(int Code, string Output, string Error)> Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await FuzzingCli.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
