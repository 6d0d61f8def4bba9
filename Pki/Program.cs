using CommandLine;
using Pki.Cli;

namespace Pki;

/// <summary>The Pki executable: the CLI (<see cref="PkiCli"/>), whose <c>serve</c> subcommand runs the HTTP service until Ctrl+C or SIGTERM.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) =>
        CliRunner.MainAsync(stop => PkiCli.RunAsync(args, Console.Out, Console.Error, TimeProvider.System, stop));
}
