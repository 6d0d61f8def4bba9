using System.Diagnostics;
using System.Text;

namespace Testing.Tshark;

/// <summary>
/// Runs the Wireshark command-line tools (tshark, and editcap / text2pcap from the same directory)
/// with a time limit, collecting their output. A tool that fails or overruns throws with its command
/// line and error output.
/// </summary>
public static class WiresharkTools
{
    /// <summary>Time limit of one tool run when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Path of tshark (from TestInfra: V2X_TSHARK).</summary>
    public static string Tshark => TestInfra.Tshark;

    /// <summary>Path of editcap, beside tshark.</summary>
    public static string Editcap => Sibling("editcap");

    /// <summary>Path of text2pcap, beside tshark.</summary>
    public static string Text2Pcap => Sibling("text2pcap");

    /// <summary>Runs <paramref name="tool"/>; returns its standard output. Non-zero exit or timeout throws.</summary>
    public static string Run(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var commandLine = tool + " " + string.Join(' ', start.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + commandLine);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish within {timeout ?? DefaultTimeout}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{commandLine} exited with {process.ExitCode}: {error.Result}");
        }

        return output.Result;
    }

    private static string Sibling(string name)
    {
        var directory = Path.GetDirectoryName(Tshark) ?? throw new InvalidOperationException("tshark path has no directory: " + Tshark);
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{name} is not beside tshark in {directory} (Debian package: wireshark-common)");
        }

        return path;
    }
}
