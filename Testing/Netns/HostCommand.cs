using System.Diagnostics;
using System.Text;

namespace Testing.Netns;

/// <summary>Runs a system tool (ip, gpsfake, dpkg-deb, ...) with a time limit; a failure throws with its command line and error output.</summary>
public static class HostCommand
{
    /// <summary>Time limit of one run when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Runs <paramref name="tool"/>; returns its standard output. Non-zero exit or timeout throws.</summary>
    public static string Run(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var (code, output, error) = TryRun(tool, arguments, timeout, workingDirectory);
        if (code != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {code}: {error}{output}");
        }

        return output;
    }

    /// <summary>Runs <paramref name="tool"/>; returns its exit code and output. A timeout throws.</summary>
    public static (int Code, string Output, string Error) TryRun(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + tool);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', start.ArgumentList)} did not finish within {timeout ?? DefaultTimeout}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The full path of a tool on PATH (or /usr/sbin, /sbin), or an exception naming the Debian package to install.</summary>
    public static string Require(string tool, string debianPackage)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin"])
            .Select(d => Path.Combine(d, tool))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException($"This test needs {tool} (Debian package {debianPackage}): run ./scripts/setup.sh.");
    }
}
