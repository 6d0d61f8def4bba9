using System.CommandLine;
using BenchmarkDotNet.Running;
using Benchmarks.Community.Scale;
using Benchmarks.Firmware;
using CommandLine;

namespace Benchmarks;

/// <summary>
/// The Benchmarks executable's command line, on System.CommandLine with the product's conventions (CommandLine/): the
/// commands that print their figures (<c>hub-scale</c>: <see cref="ScaleOptions"/>; <c>receive-capacity</c>: <see cref="CapacityOptions"/>) are parsed and validated here;
/// everything else is BenchmarkDotNet's own switcher (<c>--filter</c>, <c>--job</c>, <c>--inProcess</c>, <c>--list</c>, …),
/// whose arguments pass through untouched. A first argument that is neither a command nor an option is an unknown
/// command (exit 2), not a benchmark prompt. Exit codes: 0 ok, 1 a run failed (a benchmark's critical validation error
/// or failed report, or a store that broke), 2 usage.
/// </summary>
public static class BenchmarksCli
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        CliRunner.RunAsync("Benchmarks", Build(HubScale.RunAsync, Switch, (o, ct) => ReceiveCapacity.RunAsync(o, output, ct)), args, output, error, Classify, cancellationToken);

    /// <summary>The exit code of an exception at run time: 1 for a store or file that broke.</summary>
    public static int? Classify(Exception e) => e is InvalidOperationException or IOException or UnauthorizedAccessException or System.Data.Common.DbException
        or HttpRequestException or TimeoutException ? ExitCodes.Failed : null;

    /// <summary>
    /// The command tree: <paramref name="hubScale"/> runs <c>hub-scale</c>, <paramref name="receiveCapacity"/>
    /// <c>receive-capacity</c>, <paramref name="switcher"/> BenchmarkDotNet's arguments.
    /// </summary>
    public static RootCommand Build(Func<ScaleOptions, CancellationToken, Task<int>> hubScale, Func<string[], int> switcher,
        Func<CapacityOptions, CancellationToken, Task<int>> receiveCapacity)
    {
        ArgumentNullException.ThrowIfNull(switcher);
        var root = new RootCommand("""
            The BenchmarkDotNet suites of every component, and the commands that print their figures.
            Without a command, the arguments are BenchmarkDotNet's own (they pass through): --filter '*SignedCam*', --job short,
            --inProcess, --list flat, ... (BenchmarkDotNet's documentation, "Console Arguments").
            """)
        {
            ScaleOptions.Command(hubScale),
            CapacityOptions.Command(receiveCapacity),
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(p =>
        {
            var arguments = p.UnmatchedTokens.ToArray();
            if (arguments.Length == 0)
            {
                throw new UsageException("name the benchmarks to run (--filter '*' runs them all) or a command (hub-scale, receive-capacity).");
            }

            if (!arguments[0].StartsWith('-'))
            {
                throw new UsageException($"'{arguments[0]}' is not a command (hub-scale, receive-capacity) nor a BenchmarkDotNet option (--filter, --job, --inProcess, --list, ...).");
            }

            return switcher(arguments);
        });
        return root;
    }

    // BenchmarkDotNet's switcher; a run whose benchmarks did not build or run is a failure.
    private static int Switch(string[] arguments)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarksCli).Assembly).Run(arguments);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
