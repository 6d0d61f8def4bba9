using Bench.Cli;
using CommandLine;

namespace Bench;

/// <summary>The bench executable's entry point (see <see cref="BenchCli"/>); Ctrl-C and SIGTERM interrupt a run.</summary>
public static class Program
{
    /// <summary>Runs the subcommand named by the arguments; returns its exit code.</summary>
    public static Task<int> Main(string[] args) =>
        CliRunner.MainAsync(stop => BenchCli.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, !Console.IsOutputRedirected, stop));
}
