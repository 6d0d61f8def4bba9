using Community.Admin;

namespace Community;

/// <summary>
/// The hub's entry point: <c>Community serve</c> runs the TAXII server; other commands administer
/// the community (see <c>Community help</c> and Community/README.md).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await CommandLine.RunAsync(args, Console.In, Console.Out, Console.Error, TimeProvider.System, cancel.Token).ConfigureAwait(false);
    }
}
