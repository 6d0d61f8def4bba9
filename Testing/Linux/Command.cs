using System.Diagnostics;

namespace Testing.Linux;

/// <summary>Runs a system command for a test and returns its exit code and output (never a shell: arguments are passed as they are).</summary>
public static class Command
{
    /// <summary>The result of a command.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Output and error together, for failure messages.</summary>
        public override string ToString() => $"exit {ExitCode}: {Output.Trim()} {Error.Trim()}".Trim();
    }

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>, at most <paramref name="timeoutSeconds"/>.</summary>
    /// <exception cref="InvalidOperationException">The command is not installed or did not finish in time.</exception>
    public static Result Run(string file, IEnumerable<string> args, int timeoutSeconds = 60, string? standardInput = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"This test needs the command '{file}', which is not installed here ({e.Message}). Run ./scripts/setup.sh.", e);
        }

        using (process)
        {
            if (standardInput is not null)
            {
                process.StandardInput.Write(standardInput);
                process.StandardInput.Close();
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish within {timeoutSeconds} s.");
            }

            process.WaitForExit();
            return new Result(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }

    /// <summary>Runs a command that must succeed.</summary>
    /// <exception cref="InvalidOperationException">It failed (the message says what it printed).</exception>
    public static string Must(string file, params string[] args)
    {
        var r = Run(file, args);
        return r.ExitCode == 0 ? r.Output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {r}");
    }

    /// <summary>Whether this process runs as root (uid 0): the tests that create users, namespaces and firewall tables need it.</summary>
    public static bool IsRoot => Must("id", "-u").Trim() == "0";
}
