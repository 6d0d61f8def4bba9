using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hardware.Positioning.Sumo;

/// <summary>
/// A <c>sumo</c> process (Debian package sumo) running a configuration with its TraCI server on a free loopback port
/// (<c>--remote-port</c>), and the <see cref="TraciClient"/> connected to it. Disposing closes the connection (sumo
/// then ends) and kills the process if it has not exited within a few seconds.
/// </summary>
public sealed class SumoProcess : IAsyncDisposable
{
    /// <summary>The error when no sumo executable is found.</summary>
    public const string NotInstalled = "SUMO is not installed: no 'sumo' executable on the PATH or in $SUMO_HOME/bin (Debian: apt-get install sumo sumo-tools, or ./scripts/setup.sh).";

    private const string DebianSumoHome = "/usr/share/sumo";
    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private SumoProcess(Process process, StringBuilder stderr, TraciClient client, int port, string executable)
    {
        _process = process;
        _stderr = stderr;
        Client = client;
        Port = port;
        Executable = executable;
    }

    /// <summary>The TraCI connection.</summary>
    public TraciClient Client { get; }

    /// <summary>The TraCI port sumo listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The sumo executable that runs.</summary>
    public string Executable { get; }

    /// <summary>What sumo answered to Get Version.</summary>
    public TraciVersion Version { get; private init; } = null!;

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The sumo executable on the PATH (or in $SUMO_HOME/bin), or null when SUMO is not installed.</summary>
    public static string? FindExecutable(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var folders = (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (environment("SUMO_HOME") is { Length: > 0 } home)
        {
            folders.Add(Path.Combine(home, "bin"));
        }

        return folders.Select(f => Path.Combine(f, "sumo")).FirstOrDefault(File.Exists);
    }

    /// <summary>Starts sumo on <paramref name="configuration"/> and connects to it.</summary>
    /// <param name="configuration">A .sumocfg file.</param>
    /// <param name="timeout">How long sumo may take to open its port, and each TraCI request to be answered.</param>
    /// <param name="extraArguments">More sumo options (e.g. <c>--end 120</c>).</param>
    /// <param name="executable">The sumo executable; null: <see cref="FindExecutable"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="SumoException">SUMO is not installed, the configuration is missing, or sumo exits or does not listen in time.</exception>
    public static async Task<SumoProcess> StartAsync(string configuration, TimeSpan timeout, IEnumerable<string>? extraArguments = null, string? executable = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        executable ??= FindExecutable() ?? throw new SumoException(NotInstalled);
        if (!File.Exists(executable))
        {
            throw new SumoException($"The sumo executable {executable} does not exist.");
        }

        if (!File.Exists(configuration))
        {
            throw new SumoException($"The SUMO configuration {configuration} does not exist.");
        }

        var port = FreeTcpPort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Without SUMO_HOME sumo validates its XML against schemas fetched from sumo.dlr.de (none on the bench's network):
        // point it at the installed ones (Debian: /usr/share/sumo/data/xsd).
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SUMO_HOME")) && Directory.Exists(DebianSumoHome))
        {
            start.Environment["SUMO_HOME"] = DebianSumoHome;
        }

        foreach (var a in (string[])["-c", Path.GetFullPath(configuration), "--remote-port", port.ToString(CultureInfo.InvariantCulture), "--no-step-log", "true"])
        {
            start.ArgumentList.Add(a);
        }

        foreach (var a in extraArguments ?? [])
        {
            start.ArgumentList.Add(a);
        }

        var stderr = new StringBuilder();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SumoException($"{executable} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SumoException($"{executable} cannot be started: {e.Message}", e);
        }

        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                if (e.Data is not null && stderr.Length < 8192)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var client = await ConnectAsync(process, stderr, port, timeout, cancellationToken).ConfigureAwait(false);
            try
            {
                // sumo accepts the connection before it has loaded the scenario; a scenario it rejects ends it here.
                var version = await client.GetVersionAsync(cancellationToken).ConfigureAwait(false);
                return new SumoProcess(process, stderr, client, port, executable) { Version = version };
            }
            catch (TraciException e)
            {
                await client.DisposeAsync().ConfigureAwait(false);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw new SumoException($"sumo does not answer on its TraCI port: {e.Message}", e);
                }

                throw new SumoException(string.Create(CultureInfo.InvariantCulture, $"sumo exited with code {process.ExitCode} while loading {configuration}: {Text(stderr)}"), e);
            }
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>What sumo wrote on its standard error so far (its first 8 KiB).</summary>
    public string ErrorOutput
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Closes the TraCI connection and waits for sumo to end (killing it after 5 s).</summary>
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(_process);
            }
        }

        _process.Dispose();
    }

    // sumo opens its port after loading the network and routes: retry until it listens, it exits, or the time is up.
    private static async Task<TraciClient> ConnectAsync(Process process, StringBuilder stderr, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new SumoException(string.Create(CultureInfo.InvariantCulture, $"sumo exited with code {process.ExitCode} before opening its TraCI port: {Text(stderr)}"));
            }

            try
            {
                return await TraciClient.ConnectAsync("127.0.0.1", port, timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException) when (waited.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new SumoException(string.Create(CultureInfo.InvariantCulture, $"sumo did not open its TraCI port {port} within {timeout.TotalSeconds} s."), e);
            }
        }
    }

    private static string Text(StringBuilder stderr)
    {
        lock (stderr)
        {
            return stderr.ToString().Trim();
        }
    }

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
