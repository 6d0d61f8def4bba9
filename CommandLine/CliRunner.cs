using System.CommandLine;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;

namespace CommandLine;

/// <summary>
/// Runs a System.CommandLine tree with the product's conventions: parse errors and validation errors exit
/// <see cref="ExitCodes.Usage"/> with System.CommandLine's message on standard error; a <see cref="UsageException"/> at
/// run time exits 2 too; the exceptions the executable names as failures (<paramref name="classify"/>) exit
/// <see cref="ExitCodes.Failed"/> with their message; anything else is a bug and propagates. <c>--help</c> (generated)
/// exits 0, and the <c>[suggest]</c> directive answers tab completion (<c>dotnet-suggest</c>).
/// </summary>
public static class CliRunner
{
    /// <summary>Parses and runs <paramref name="args"/> on <paramref name="root"/>; returns the exit code.</summary>
    /// <param name="program">The executable's name, in front of every message.</param>
    /// <param name="root">The executable's command tree.</param>
    /// <param name="args">The arguments after the executable's name.</param>
    /// <param name="output">Standard output (help goes here).</param>
    /// <param name="error">Standard error (usage errors and failures go here).</param>
    /// <param name="classify">The exit code for an exception at run time: 1 (failed), 2 (usage), or null for a bug (rethrown).</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl-C, SIGTERM: <see cref="MainAsync"/>).</param>
    public static async Task<int> RunAsync(string program, RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error,
        Func<Exception, int?> classify, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(classify);
        var name = program;
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is ParseErrorAction)
        {
            foreach (var e in parsed.Errors)
            {
                await error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"(see {string.Join(' ', [name, .. CommandPath(parsed)])} --help)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // A failure names the command: "Firmware obu: ...".
        var where = string.Join(' ', [name, .. CommandPath(parsed)]);
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            // Ctrl-C and SIGTERM are the caller's (MainAsync): one cancellation for the whole process.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{where}: {e.Message}\n(see {where} --help)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{where}: interrupted").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception e) when (classify(e) is { } code)
        {
            await error.WriteLineAsync(code == ExitCodes.Usage ? $"{where}: {e.Message}\n(see {where} --help)" : $"{where}: {e.Message}").ConfigureAwait(false);
            return code;
        }
    }

    /// <summary>
    /// The process entry: runs <paramref name="run"/> with a token that Ctrl-C (SIGINT) and SIGTERM cancel, so a
    /// service stops cleanly under systemd and at the terminal.
    /// </summary>
    public static async Task<int> MainAsync(Func<CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        return await run(stop.Token).ConfigureAwait(false);
    }

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var path = new List<string>();
        for (var r = parsed.CommandResult; r.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
        {
            path.Insert(0, r.Command.Name);
        }

        return path;
    }
}
