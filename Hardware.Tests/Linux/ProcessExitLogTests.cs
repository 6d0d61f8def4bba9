using System.Diagnostics;
using Hardware.Linux;
using Hardware.Memory;
using Hardware.Reset;
using Hardware.Storage;
using Testing.Linux;

namespace Hardware.Tests.Linux;

/// <summary>
/// Ends of watched processes from the kernel's process-event connector, on this machine: a copy of sleep(1)
/// under a unique name killed by SIGSEGV, a copy of sh started after the watch began that ends with a status,
/// and a process not watched. Needs CAP_NET_ADMIN (root here): otherwise the test fails with the kernel's refusal.
/// </summary>
public sealed class ProcessExitLogTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("hw-exits");
    private readonly ProcessExitLog _log;

    public ProcessExitLogTests()
    {
        _log = ProcessExitLog.TryOpen(new FileDurableStore(Path.Combine(_dir, "nvs")), TimeProvider.System, "/proc", out var problem)
            ?? throw new InvalidOperationException("The process-event connector is not available here: " + problem);
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Ends_of_watched_processes_are_logged_with_their_signal_or_status()
    {
        var segv = Copy("/bin/sleep", "lxs");
        var status = Copy("/bin/sh", "lxf");
        var unwatched = Copy("/bin/sleep", "lxu");
        using var crashing = Process.Start(segv, "60");
        using var other = Process.Start(unwatched, "60");
        _log.Watch([Path.GetFileName(segv), Path.GetFileName(status)]);

        Command.Must("kill", "-SEGV", crashing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        crashing.WaitForExit();

        // Started after the watch began: followed from its exec event (read here, while it waits for its input).
        using (var failing = Process.Start(new ProcessStartInfo(status, ["-c", "read line; exit 3"]) { RedirectStandardInput = true })!)
        {
            _ = _log.ReadCrashLog(0);
            failing.StandardInput.WriteLine("end");
            failing.StandardInput.Close();
            failing.WaitForExit();
        }

        other.Kill();
        other.WaitForExit();

        var crashes = _log.ReadCrashLog(0);
        var killed = Assert.Single(crashes, c => c.Task == Path.GetFileName(segv));
        Assert.Equal((ResetReason.Panic, $"killed by SIGSEGV (pid {crashing.Id})"), (killed.Reason, killed.Detail.Replace(", core dumped", "", StringComparison.Ordinal)));
        var exited = Assert.Single(crashes, c => c.Task == Path.GetFileName(status));
        Assert.Equal(ResetReason.Software, exited.Reason);
        Assert.StartsWith("exited with status 3 (pid ", exited.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(crashes, c => c.Task == Path.GetFileName(unwatched));

        var fault = Assert.Single(_log.ReadSince(0));
        Assert.Equal((MemoryFaultKind.AccessViolation, Path.GetFileName(segv), crashing.Id), (fault.Kind, fault.Task, fault.Pid));
        Assert.Empty(_log.ReadSince(fault.Sequence));
        Assert.True(killed.Sequence > 1L << 32, "sequences carry the epoch");
    }

    private string Copy(string from, string prefix)
    {
        var to = Path.Combine(_dir, prefix + Guid.NewGuid().ToString("N")[..8]);
        File.Copy(from, to);
        return to;
    }
}
