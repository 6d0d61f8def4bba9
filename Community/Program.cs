using CommandLine;
using Community.Admin;

namespace Community;

/// <summary>
/// The hub's entry point: <c>Community serve</c> runs the TAXII server; other commands administer
/// the community (see <c>Community --help</c> and Community/README.md).
/// </summary>
internal static class Program
{
    private static Task<int> Main(string[] args) =>
        CliRunner.MainAsync(stop => HubCli.RunAsync(args, Console.In, Console.Out, Console.Error, TimeProvider.System, stop));
}
