using System.Diagnostics;
using Testing.Linux;

namespace Firmware.Tests.Linux;

/// <summary>
/// A running copy of monitored.c (compiled with gcc -fstack-protector-all -O0 into the test's directory
/// under a unique name, which is its comm), driven one command per line.
/// </summary>
internal sealed class MonitoredProgram : IDisposable
{
    private readonly Process _process;

    private MonitoredProgram(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>Its comm (the executable's file name).</summary>
    public string Name { get; }

    /// <summary>Its pid.</summary>
    public int Pid => _process.Id;

    /// <summary>What it wrote to stderr so far (valid after it ended).</summary>
    public string Errors { get; private set; } = "";

    /// <summary>Compiles monitored.c into <paramref name="directory"/> as <paramref name="name"/> (at most 15 characters).</summary>
    public static string Compile(string directory, string name)
    {
        if (name.Length > 15)
        {
            throw new ArgumentException("A comm holds at most 15 characters.", nameof(name));
        }

        return Gcc.Compile(Path.Combine(AppContext.BaseDirectory, "Linux", "monitored.c"), Path.Combine(directory, name), "-O0", "-fstack-protector-all");
    }

    /// <summary>Starts a compiled copy and waits for it to say it is ready.</summary>
    public static async Task<MonitoredProgram> StartAsync(string executable, params string[] args)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var program = new MonitoredProgram(process, Path.GetFileName(executable));
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (first != "ready")
        {
            throw new InvalidOperationException($"{executable} did not start: {first} {await process.StandardError.ReadToEndAsync()}");
        }

        return program;
    }

    /// <summary>Sends a command it survives and waits for its "ok".</summary>
    public async Task DoAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        var answer = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (answer != "ok " + command)
        {
            throw new InvalidOperationException($"{Name} answered '{answer}' to {command}.");
        }
    }

    /// <summary>Sends a command it dies of and waits until it has ended; returns .NET's exit code (128 + the signal).</summary>
    public async Task<int> DieOfAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Errors = await _process.StandardError.ReadToEndAsync();
        return _process.ExitCode;
    }

    /// <summary>Kills it (SIGKILL) and waits until it has ended.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
