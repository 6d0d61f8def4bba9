using Bench.Cli;

namespace Bench;

/// <summary>The bench executable's entry point (see <see cref="BenchCli"/>).</summary>
public static class Program
{
    /// <summary>Runs the subcommand named by the arguments; returns its exit code.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await BenchCli.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, !Console.IsOutputRedirected, stop.Token)
            .ConfigureAwait(false);
    }
}
