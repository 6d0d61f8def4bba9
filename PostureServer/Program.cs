using PostureServer.Cli;

namespace PostureServer;

/// <summary>The PostureServer executable: the CLI, whose <c>serve</c> subcommand runs the HTTP service until Ctrl+C or SIGTERM.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        return await PostureCli.RunAsync(args, Console.Out, Console.Error, TimeProvider.System, stop.Token).ConfigureAwait(false);
    }
}
