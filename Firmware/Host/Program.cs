using CommandLine;

namespace Firmware.Host;

/// <summary>The firmware executable's entry point: one binary, subcommands (see <see cref="FirmwareCli"/>); Ctrl-C and SIGTERM stop it cleanly.</summary>
public static class Program
{
    /// <summary>Runs the subcommand named by the arguments; returns its exit code.</summary>
    public static Task<int> Main(string[] args) =>
        CliRunner.MainAsync(stop => FirmwareCli.RunAsync(args, Console.Out, Console.Error, stop));
}
