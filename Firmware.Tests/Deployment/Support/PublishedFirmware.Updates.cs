using Firmware.Host;
using Firmware.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;

namespace Firmware.Tests.Deployment.Support;

/// <summary>The update bundles and the installed baseline the update tests start from, made once.</summary>
public sealed partial class PublishedFirmware
{
    private readonly SemaphoreSlim _updates = new(1, 1);
    private UpdateSet? _set;

    /// <summary>
    /// Bundles of release 1.0.0 (secure version 1, over the air) and 2.0.0 (secure version 2, over the air
    /// and local, and one sealed and signed by another OEM); and a baseline: 1.0.0 installed by the `update`
    /// command into an empty A/B root, booted once (its update trigger consumed, anti-rollback at 1).
    /// </summary>
    public async Task<UpdateSet> UpdatesAsync()
    {
        await _updates.WaitAsync();
        try
        {
            return _set ??= await BuildAsync();
        }
        finally
        {
            _updates.Release();
        }
    }

    /// <summary>Copies the baseline (install root and state) into a new folder of <paramref name="parent"/>.</summary>
    public async Task<(string Root, string State)> NewInstallationAsync(string parent)
    {
        var set = await UpdatesAsync();
        var at = Path.Combine(parent, "obu-" + Guid.NewGuid().ToString("N")[..8]);
        Copy(set.BaselineRoot, Path.Combine(at, "root"));
        Copy(set.BaselineState, Path.Combine(at, "state"));
        return (Path.Combine(at, "root"), Path.Combine(at, "state"));
    }

    /// <summary>Runs `update` in this process; returns its exit code and output.</summary>
    public static async Task<(int Code, string Output)> UpdateAsync(string bundle, string root, string state)
    {
        using var output = new StringWriter();
        var code = await FirmwareCli.RunAsync(
            ["update", "--bundle", bundle, "--install-root", root, "--storage", LinuxObu.StorePath(state), "--rom", RomPath(state)], output, output, CancellationToken.None);
        return (code, output.ToString());
    }

    /// <summary>The ROM file of a state folder.</summary>
    public static string RomPath(string state) => Path.Combine(state, "oem.rom");

    private async Task<UpdateSet> BuildAsync()
    {
        var dir = Path.Combine(Directory, "updates");
        var v1 = NewDeployment(dir, "v1");
        await SealAsync(v1, Oem, "1.0.0", 1);
        var v2 = NewDeployment(dir, "v2");
        await SealAsync(v2, Oem, "2.0.0", 2);
        var otherOem = Path.Combine(dir, "other-oem");
        OemKeyFiles.Create(otherOem, force: false);
        var foreign = NewDeployment(dir, "foreign");
        await SealAsync(foreign, otherOem, "2.0.0", 2);
        var set = new UpdateSet(
            await BundleAsync(v1, Oem, "ota", Path.Combine(dir, "v1-ota.bundle")),
            await BundleAsync(v2, Oem, "ota", Path.Combine(dir, "v2-ota.bundle")),
            await BundleAsync(v2, Oem, "local", Path.Combine(dir, "v2-local.bundle")),
            await BundleAsync(foreign, otherOem, "ota", Path.Combine(dir, "v2-foreign.bundle")),
            Path.Combine(dir, "baseline", "root"),
            Path.Combine(dir, "baseline", "state"));
        System.IO.Directory.Delete(v1, recursive: true);
        System.IO.Directory.Delete(v2, recursive: true);
        System.IO.Directory.Delete(foreign, recursive: true);

        var state = set.BaselineState;
        System.IO.Directory.CreateDirectory(state);
        var time = new FakeTimeProvider(TestBench.Start);
        new Hardware.Storage.FileDurableStore(LinuxObu.StorePath(state)).Write(SecurePartition.Boot.MeasuredBoot.PolicyKey,
            SecurePartition.Policy.PolicyCodec.Sign(SecurePartition.Policy.DefaultPolicies.LinuxHost(1), OemKey, time.GetUtcNow()));
        RomFile.Burn(RomPath(state), Rom);
        var (code, output) = await UpdateAsync(set.V1Ota, set.BaselineRoot, state);
        Assert.True(code == 0, output);
        await using (var obu = new LinuxObu(Path.Combine(set.BaselineRoot, "current"), state, Rom, time))
        {
            Assert.True(obu.Integrity.Level == IntegrityLevel.NoAnomaly, string.Join("; ", obu.Integrity.Evidence.Select(e => e.Detail)));
        }

        return set;
    }

    private static async Task<string> BundleAsync(string deployment, string oem, string origin, string file)
    {
        using var output = new StringWriter();
        var code = await FirmwareCli.RunAsync(["bundle", "--deployment", deployment, "--oem-dir", oem, "--origin", origin, "--out", file], output, output, CancellationToken.None);
        Assert.True(code == 0, output.ToString());
        return file;
    }
}

/// <summary>The bundles and the baseline of <see cref="PublishedFirmware.UpdatesAsync"/>.</summary>
public sealed record UpdateSet(string V1Ota, string V2Ota, string V2Local, string V2Foreign, string BaselineRoot, string BaselineState);
