namespace Fuzzing;

/// <summary>
/// The fuzzing harness's entry (Docs/fuzzing.md; the commands: <see cref="FuzzingCli"/>). Synchronous: under afl the
/// <c>fuzz</c> command's fork server runs on the main thread.
/// </summary>
internal static class Program
{
    private static int Main(string[] args) => FuzzingCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None).GetAwaiter().GetResult();
}
