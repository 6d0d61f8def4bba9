namespace Firmware.Host;

/// <summary>The firmware executable's entry point: one binary, subcommands (see <see cref="FirmwareCli"/>).</summary>
public static class Program
{
    /// <summary>Runs the subcommand named by the arguments; returns its exit code.</summary>
    public static async Task<int> Main(string[] args) =>
        await FirmwareCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
}
