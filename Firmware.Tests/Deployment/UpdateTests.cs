using System.Security.Cryptography;
using Firmware.Deployment;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Deployment.Support;
using Firmware.Tests.Support;
using Hardware.Storage;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;

namespace Firmware.Tests.Deployment;

/// <summary>
/// Issue 11, update rows: a signed bundle installed by the `update` command into the inactive slot of
/// an A/B installation (1.0.0 installed and booted before), then the OBU restarted on ROOT/current.
/// A good bundle runs after the restart and the partition raises the update-completed trigger as the
/// bundle's origin says; a refused bundle leaves current, the running slot and the partition's store
/// exactly as they were.
/// </summary>
[Collection(PublishedFirmware.Collection)]
public sealed class UpdateTests(PublishedFirmware firmware) : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-update");
    private readonly FakeTimeProvider _time = new(TestBench.Start);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, TriggerKind> Origins => new()
    {
        { "ota", TriggerKind.UpdateOverTheAir },
        { "local", TriggerKind.UpdateLocal },
    };

    [Theory]
    [MemberData(nameof(Origins))]
    public async Task A_good_bundle_runs_after_the_restart_and_the_partition_raises_the_update_trigger_of_its_origin(string origin, TriggerKind trigger)
    {
        var set = await firmware.UpdatesAsync();
        var (root, state) = await firmware.NewInstallationAsync(_dir);
        var bundle = origin == "ota" ? set.V2Ota : set.V2Local;

        var (code, output) = await PublishedFirmware.UpdateAsync(bundle, root, state);

        Assert.True(code == 0, output);
        Assert.Equal("slots/b", new FileInfo(Path.Combine(root, "current")).LinkTarget);
        Assert.True(Directory.Exists(Path.Combine(root, "slots", "a")), "the old slot stays");
        await using (var obu = new LinuxObu(Path.Combine(root, "current"), state, firmware.Rom, _time))
        {
            Assert.True(obu.Integrity.Level == IntegrityLevel.NoAnomaly, string.Join("; ", obu.Integrity.Evidence.Select(e => e.Detail)));
            Assert.Equal(trigger, obu.Partition.Idf.Latest.Trigger);
            var reports = obu.Partition.ReadDetailedReports(0, 256).Select(r => r.Report).ToList();
            var completed = Assert.Single(reports, r => r.Trigger == trigger && r.TriggerDetail.Contains("2.0.0", StringComparison.Ordinal));
            Assert.Contains("update to 2.0.0 (secure version 2", completed.TriggerDetail, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(root, "slots", "b"), completed.TriggerDetail, StringComparison.Ordinal);
            Assert.All(obu.Partition.Idf.Boot.AllStages, s => Assert.Equal(("2.0.0", 2u, StageVerdict.Verified), (s.Version, s.SecureVersion, s.Verdict)));
            Assert.Null(UpdateRecord.Read(new FileDurableStore(LinuxObu.StorePath(state))));
        }

        // The next restart is a plain boot; the anti-rollback minimum followed the running release.
        await using var again = new LinuxObu(Path.Combine(root, "current"), state, firmware.Rom, _time);
        Assert.Equal(TriggerKind.Boot, again.Partition.Idf.Latest.Trigger);
        Assert.Equal(2u, new AntiRollback(new FileDurableStore(LinuxObu.StorePath(state))).MinimumFor(DeploymentLayout.SecureStage));
    }

    [Fact]
    public async Task An_integrity_latch_of_the_tampered_slot_clears_only_at_the_clean_boot_of_an_installed_update()
    {
        var set = await firmware.UpdatesAsync();
        var (root, state) = await firmware.NewInstallationAsync(_dir);
        var dll = Path.Combine(root, "slots", "a", "app", "V2x.dll");
        var original = File.ReadAllBytes(dll);
        var tampered = original.ToArray();
        tampered[^100] ^= 0x20;
        File.WriteAllBytes(dll, tampered);
        await using (var obu = new LinuxObu(Path.Combine(root, "current"), state, firmware.Rom, _time))
        {
            Assert.Equal(IntegrityLevel.HighAnomaly, obu.Partition.Idf.Latest.LevelOf(DetectorFlags.IntegrityCheck));
        }

        // Putting the bytes back is not enough: the latch holds.
        File.WriteAllBytes(dll, original);
        await using (var obu = new LinuxObu(Path.Combine(root, "current"), state, firmware.Rom, _time))
        {
            Assert.Equal(IntegrityLevel.NoAnomaly, obu.Integrity.Level);
            Assert.Equal(IntegrityLevel.HighAnomaly, obu.Partition.Idf.Latest.LevelOf(DetectorFlags.IntegrityCheck));
        }

        Assert.Equal(0, (await PublishedFirmware.UpdateAsync(set.V2Ota, root, state)).Code);
        await using var updated = new LinuxObu(Path.Combine(root, "current"), state, firmware.Rom, _time);
        Assert.Equal(TriggerKind.UpdateOverTheAir, updated.Partition.Idf.Latest.Trigger);
        Assert.Equal(IntegrityLevel.NoAnomaly, updated.Partition.Idf.Latest.LevelOf(DetectorFlags.IntegrityCheck));
    }

    public static TheoryData<string, DeploymentError> Refusals => new()
    {
        { "bundle of another OEM", DeploymentError.BadSignature },
        { "header signature broken", DeploymentError.BadSignature },
        { "one octet changed in a bundled file", DeploymentError.Mismatch },
        { "truncated bundle", DeploymentError.Malformed },
        { "rollback to an older secure version", DeploymentError.Rollback },
        { "second update before the restart", DeploymentError.RestartPending },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_bundle_leaves_the_running_slot_and_the_store_as_they_were(string row, DeploymentError error)
    {
        var set = await firmware.UpdatesAsync();
        var (root, state) = await firmware.NewInstallationAsync(_dir);
        var bundle = Path.Combine(_dir, "bundle");
        switch (row)
        {
            case "bundle of another OEM":
                File.Copy(set.V2Foreign, bundle);
                break;
            case "header signature broken":
                // The header's data is the first entry: its signature ends before the tar pads to 1 KiB.
                File.Copy(set.V2Ota, bundle);
                Patch(bundle, HeaderEnd(bundle) - 5);
                break;
            case "one octet changed in a bundled file":
                File.Copy(set.V2Ota, bundle);
                Patch(bundle, DataOffset(bundle, "secure/Firmware.dll") + 4096);
                break;
            case "truncated bundle":
                var bytes = File.ReadAllBytes(set.V2Ota);
                File.WriteAllBytes(bundle, bytes[..(bytes.Length / 3)]);
                break;
            case "rollback to an older secure version":
                Assert.Equal(0, (await PublishedFirmware.UpdateAsync(set.V2Ota, root, state)).Code);
                await using (new LinuxObu(Path.Combine(root, "current"), state, firmware.Rom, _time))
                {
                    // The restart runs 2.0.0: the minimum secure version rises to 2.
                }

                File.Copy(set.V1Ota, bundle);
                break;
            default:
                Assert.Equal(0, (await PublishedFirmware.UpdateAsync(set.V2Ota, root, state)).Code);
                File.Copy(set.V2Local, bundle);
                break;
        }

        var current = new FileInfo(Path.Combine(root, "current")).LinkTarget;
        var before = Snapshot(root, state);

        var (code, output) = await PublishedFirmware.UpdateAsync(bundle, root, state);

        Assert.Equal(1, code);
        Assert.Contains($"update refused ({error})", output, StringComparison.Ordinal);
        Assert.Equal(current, new FileInfo(Path.Combine(root, "current")).LinkTarget);
        Assert.Equal(before, Snapshot(root, state));
        Assert.False(Directory.Exists(Path.Combine(root, "slots", "incoming")));
        await using var obu = new LinuxObu(Path.Combine(root, "current"), state, firmware.Rom, _time);
        Assert.True(obu.Integrity.Level == IntegrityLevel.NoAnomaly, string.Join("; ", obu.Integrity.Evidence.Select(e => e.Detail)));
    }

    /// <summary>Every file of the running slot and of the state folder, with its SHA-256.</summary>
    internal static IReadOnlyDictionary<string, string> Snapshot(string root, string state)
    {
        var running = Path.Combine(root, "slots", new FileInfo(Path.Combine(root, "current")).LinkTarget![("slots/".Length)..]);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (prefix, dir) in new[] { ("slot/", running), ("state/", state) })
        {
            foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            {
                files[prefix + Path.GetRelativePath(dir, f)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)));
            }
        }

        return files;
    }

    private static void Patch(string file, long at)
    {
        using var f = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        f.Position = at;
        var b = f.ReadByte();
        f.Position = at;
        f.WriteByte((byte)(b ^ 0x01));
    }

    // The end of the header entry's data (its signature's last bytes lie just before it).
    private static long HeaderEnd(string bundle) => DataOffset(bundle, UpdateBundle.HeaderEntry, out var length) + length;

    private static long DataOffset(string bundle, string name) => DataOffset(bundle, name, out _);

    // Where an entry's data starts in the archive: the first occurrence of its first bytes.
    private static long DataOffset(string bundle, string name, out long length)
    {
        using var f = File.OpenRead(bundle);
        using var reader = new System.Formats.Tar.TarReader(f);
        System.Formats.Tar.TarEntry? entry;
        while ((entry = reader.GetNextEntry()) is not null && entry.Name != name)
        {
        }

        using var data = new MemoryStream();
        entry!.DataStream!.CopyTo(data);
        length = data.Length;
        var head = data.ToArray()[..(int)Math.Min(data.Length, 4096)];
        return File.ReadAllBytes(bundle).AsSpan().IndexOf(head);
    }
}
