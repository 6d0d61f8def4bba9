using CommandLine;
using PostureServer.Cli;

namespace PostureServer;

/// <summary>The PostureServer executable: the CLI (<see cref="PostureCli"/>), whose <c>serve</c> subcommand runs the HTTP service until Ctrl+C or SIGTERM.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) =>
        CliRunner.MainAsync(stop => PostureCli.RunAsync(args, Console.Out, Console.Error, TimeProvider.System, stop));
}
