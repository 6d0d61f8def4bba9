using System.Diagnostics;
using Firmware.Deployment;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Deployment.Support;
using Firmware.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;

namespace Firmware.Tests.Deployment;

/// <summary>
/// Issue 11, "a SIGKILL at any step of the install leaves the old slot running and loses nothing": the
/// real Firmware executable runs `update` as a child process and is killed with SIGKILL at each
/// <see cref="InstallStep"/> (the command's fault-injection point Update:PauseAt stops it there). Before
/// the switch, the OBU restarts on the old slot, clean, without an update trigger, with its store and
/// black box as they were; a second `update` then completes. Killed after the switch, it restarts on
/// the new slot and raises the update trigger.
/// </summary>
[Collection(PublishedFirmware.Collection)]
public sealed class UpdateSigKillTests(PublishedFirmware firmware) : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-update-kill");
    private readonly FakeTimeProvider _time = new(TestBench.Start);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<InstallStep> Steps => new(Enum.GetValues<InstallStep>());

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Killed_at_each_install_step_the_old_slot_runs_and_nothing_is_lost(InstallStep step)
    {
        var set = await firmware.UpdatesAsync();
        var (root, state) = await firmware.NewInstallationAsync(_dir);
        var before = UpdateTests.Snapshot(root, state);

        await RunAndKillAsync(set.V2Ota, root, state, step);

        var switched = step == InstallStep.Switched;
        Assert.Equal(switched ? "slots/b" : "slots/a", new FileInfo(Path.Combine(root, "current")).LinkTarget);
        var after = UpdateTests.Snapshot(root, state);
        if (!switched)
        {
            // The running slot and every record are as before; only the pending-update record may have been written.
            Assert.Equal(before, after.Where(kv => kv.Key != "state/nvs/update.pending.rec").ToDictionary());
        }
        else
        {
            Assert.Equal(before.Where(kv => kv.Key.StartsWith("state/", StringComparison.Ordinal)),
                after.Where(kv => kv.Key.StartsWith("state/", StringComparison.Ordinal) && kv.Key != "state/nvs/update.pending.rec"));
        }

        await using (var obu = new LinuxObu(Path.Combine(root, "current"), state, firmware.Rom, _time))
        {
            Assert.True(obu.Integrity.Level == IntegrityLevel.NoAnomaly, $"{step}: " + string.Join("; ", obu.Integrity.Evidence.Select(e => e.Detail)));
            Assert.Equal(switched ? TriggerKind.UpdateOverTheAir : TriggerKind.Boot, obu.Partition.Idf.Latest.Trigger);
            Assert.All(obu.Partition.Idf.Boot.AllStages, s => Assert.Equal(switched ? "2.0.0" : "1.0.0", s.Version));
            if (step >= InstallStep.Recorded && !switched)
            {
                Assert.Contains("did not switch", obu.Partition.Idf.Latest.TriggerDetail, StringComparison.Ordinal);
            }

            // The black box kept the baseline's entries (its boot, then 1.0.0's update trigger) and goes on from there.
            var log = obu.Partition.BlackBox.ReadSince(0, 10_000);
            Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (ulong)i), log.Select(e => e.Sequence));
            Assert.Equal([TriggerKind.Boot, TriggerKind.UpdateOverTheAir], log.Take(2).Select(e => ReportCodec.Decode(e.Payload).Trigger));
            Assert.True(log.Count >= 3);
        }

        if (switched)
        {
            return;
        }

        // The interrupted update installs on a second try and runs after the restart.
        var (code, output) = await PublishedFirmware.UpdateAsync(set.V2Ota, root, state);
        Assert.True(code == 0, output);
        await using var updated = new LinuxObu(Path.Combine(root, "current"), state, firmware.Rom, _time);
        Assert.Equal(TriggerKind.UpdateOverTheAir, updated.Partition.Idf.Latest.Trigger);
        Assert.Equal(IntegrityLevel.NoAnomaly, updated.Integrity.Level);
    }

    private static async Task RunAndKillAsync(string bundle, string root, string state, InstallStep step)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            Testing.TestInfra.ProjectExecutable("Firmware"), "update", "--bundle", bundle, "--install-root", root,
            "--storage", LinuxObu.StorePath(state), "--rom", PublishedFirmware.RomPath(state), "--pause-at", step.ToString(),
        })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            var seen = new System.Text.StringBuilder();
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == $"paused at {step}")
                {
                    // SIGKILL (Process.Kill sends SIGKILL on Unix) while the installer waits at that step.
                    process.Kill();
                    await process.WaitForExitAsync(timeout.Token);
                    return;
                }

                seen.AppendLine(line);
            }

            throw new InvalidOperationException($"update exited before {step}.\nstdout:\n{seen}\nstderr:\n{await stderr}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
    }
}
