using Firmware.Deployment;
using Firmware.SecurePartition.Boot;
using Firmware.Tests.Support;
using Hardware.Files;
using Hardware.Linux;
using Hardware.Storage;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;
using V2x.Security.Crypto;

namespace Firmware.Tests.Deployment;

/// <summary>
/// The runtime re-measurement on the simulated file tree, which can do what a test cannot provoke
/// on a real file system on purpose (a change within the timestamp tick, a change that keeps the
/// stamp): which scans re-hash which files, and what each kind of change gives.
/// </summary>
public sealed class DeploymentMeasurerTests : IDisposable
{
    private static readonly EcdsaP256SignatureKey ApplicationKey = EcdsaP256SignatureKey.Generate();
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-measure");
    private readonly FakeTimeProvider _time = new(TestBench.Start);
    private readonly SimulatedFileTree _tree = new();
    private readonly DeploymentCheckOptions _options = new() { FullRehashPeriod = TimeSpan.FromHours(1) };

    public DeploymentMeasurerTests()
    {
        _tree.Put("secure/Firmware.dll", Bytes(1, 4000));
        _tree.Put("secure/Firmware", Bytes(2, 300), mode: 0b111_101_101);
        _tree.Put("secure/libe_sqlite3.so", Bytes(3, 2000), mode: 0b111_101_101);
        _tree.Put("secure/appsettings.json", Bytes(4, 50));
        _tree.Put("app/Firmware.dll", Bytes(5, 4000));
        _tree.Put("app/V2x.dll", Bytes(6, 3000));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Settled_unchanged_files_are_not_rehashed_between_full_rehashes()
    {
        var boot = Boot();
        Assert.True(boot.IsClean, string.Join("; ", boot.Findings.Select(f => f.Detail)));

        var again = boot.Measurer!.Measure(MeasureScope.Stamps, Later(TimeSpan.FromMinutes(5)));

        Assert.Equal((MeasureScope.Stamps, 6, 0), (again.Scope, again.SealedFiles, again.HashedFiles));
        Assert.DoesNotContain(again.Findings, f => f.Level >= IntegrityLevel.Anomaly);
    }

    [Fact]
    public void Unsettled_stamps_never_vouch_so_a_change_in_the_same_tick_is_found_at_the_next_scan()
    {
        _tree.Put("app/V2x.dll", Bytes(6, 3000), settled: false);
        var boot = Boot();

        _tree.Overwrite("app/V2x.dll", Flip(Bytes(6, 3000), 1500), keepStamp: true);
        var next = boot.Measurer!.Measure(MeasureScope.Stamps, Later(TimeSpan.FromMinutes(1)));

        Assert.Equal(1, next.HashedFiles);
        Assert.Contains(next.Findings, f => (f.Rule, f.Path, f.Level) == ("deployment.changed", "app/V2x.dll", IntegrityLevel.HighAnomaly));
    }

    [Fact]
    public void A_change_that_keeps_a_settled_stamp_is_found_by_the_full_rehash_period()
    {
        var boot = Boot();
        _tree.Overwrite("secure/Firmware.dll", Flip(Bytes(1, 4000), 7), keepStamp: true);

        var stamps = boot.Measurer!.Measure(MeasureScope.Stamps, Later(TimeSpan.FromMinutes(59)));
        var full = boot.Measurer.Measure(MeasureScope.Stamps, Later(TimeSpan.FromMinutes(61)));

        Assert.DoesNotContain(stamps.Findings, f => f.Level >= IntegrityLevel.Anomaly);
        Assert.Equal((MeasureScope.Full, 6), (full.Scope, full.HashedFiles));
        Assert.Contains(full.Findings, f => (f.Rule, f.Path) == ("deployment.changed", "secure/Firmware.dll"));
    }

    [Fact]
    public void The_application_scope_rehashes_every_application_file_whatever_its_stamp()
    {
        var boot = Boot();
        _tree.Overwrite("app/Firmware.dll", Flip(Bytes(5, 4000), 99), keepStamp: true);

        var announced = boot.Measurer!.Measure(MeasureScope.Application, Later(TimeSpan.FromMinutes(1)));

        Assert.Equal(2, announced.HashedFiles);
        Assert.Contains(announced.Findings, f => (f.Rule, f.Path) == ("deployment.changed", "app/Firmware.dll"));
    }

    public static TheoryData<string, Action<SimulatedFileTree>, string, string, IntegrityLevel> Changes => new()
    {
        { "one octet changed", t => t.Overwrite("secure/Firmware.dll", Flip(Bytes(1, 4000), 10)), "deployment.changed", "secure/Firmware.dll", IntegrityLevel.HighAnomaly },
        { "truncated", t => t.Overwrite("app/V2x.dll", Bytes(6, 2999)), "deployment.changed", "app/V2x.dll", IntegrityLevel.HighAnomaly },
        { "missing", t => t.Remove("app/V2x.dll"), "deployment.missing", "app/V2x.dll", IntegrityLevel.HighAnomaly },
        { "added native library", t => t.Put("app/libhook.so", Bytes(9, 100)), "deployment.added-executable", "app/libhook.so", IntegrityLevel.HighAnomaly },
        { "added assembly", t => t.Put("secure/Evil.dll", Bytes(9, 100)), "deployment.added-executable", "secure/Evil.dll", IntegrityLevel.HighAnomaly },
        { "added script with an execute bit", t => t.Put("app/run", Bytes(9, 10), mode: 0b111_000_000), "deployment.added-executable", "app/run", IntegrityLevel.HighAnomaly },
        { "added data file", t => t.Put("app/notes.txt", Bytes(9, 10)), "deployment.added-file", "app/notes.txt", IntegrityLevel.Anomaly },
        { "added file outside the stages", t => t.Put("extra.so", Bytes(9, 10)), "deployment.added-executable", "extra.so", IntegrityLevel.HighAnomaly },
        { "execute bit set", t => t.Chmod("secure/appsettings.json", 0b111_100_100), "deployment.mode", "secure/appsettings.json", IntegrityLevel.HighAnomaly },
        { "set-user-ID bit set", t => t.Chmod("secure/Firmware", 0b100_111_101_101), "deployment.mode", "secure/Firmware", IntegrityLevel.HighAnomaly },
        { "replaced by a link", t => t.ReplaceWithLink("secure/libe_sqlite3.so"), "deployment.not-regular", "secure/libe_sqlite3.so", IntegrityLevel.HighAnomaly },
        { "manifest replaced", t => t.Overwrite(DeploymentLayout.ApplicationManifest, Bytes(7, 64)), "deployment.manifest-changed", DeploymentLayout.ApplicationManifest, IntegrityLevel.HighAnomaly },
        { "manifest removed", t => t.Remove(DeploymentLayout.SecureManifest), "deployment.manifest-changed", DeploymentLayout.SecureManifest, IntegrityLevel.HighAnomaly },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Each_change_is_found_at_the_next_scan_naming_the_file(string name, Action<SimulatedFileTree> change, string rule, string path, IntegrityLevel level)
    {
        var boot = Boot();

        change(_tree);
        var next = boot.Measurer!.Measure(MeasureScope.Stamps, Later(TimeSpan.FromMinutes(1)));

        var finding = Assert.Single(next.Findings, f => f.Level >= IntegrityLevel.Anomaly);
        Assert.True((rule, path, level) == (finding.Rule, finding.Path, finding.Level), $"{name}: {finding}");
    }

    [Fact]
    public void Ima_measurements_of_the_deployment_are_checked_against_the_manifests()
    {
        var sealedHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Bytes(1, 4000)));
        var other = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Bytes(8, 10)));
        var log = Path.Combine(_dir, "ascii_runtime_measurements");
        const string T = "91f34b5c671d73504b274a919661cf80dab1e127";
        File.WriteAllLines(log,
        [
            $"10 {T} ima-ng sha1:0000000000000000000000000000000000000000 boot_aggregate",
            $"10 {T} ima-ng sha256:{sealedHash} {_tree.Root}/secure/Firmware.dll",
            $"10 {T} ima-ng sha256:{other} {_tree.Root}/app/V2x.dll",
            $"10 {T} ima-ng sha256:{other} {_tree.Root}/app/dropped.so",
            $"10 {T} ima 1d8d532d463c9f8c205d0df7787669a85f93e260 {_tree.Root}/app/Firmware.dll",
            $"10 {T} ima-ng sha256:{other} /usr/lib/other.so",
        ]);

        var boot = Boot(new ImaMeasurementLog(log));

        Assert.Contains(boot.Findings, f => (f.Rule, f.Path, f.Level) == ("ima.mismatch", "app/V2x.dll", IntegrityLevel.HighAnomaly));
        Assert.Contains(boot.Findings, f => (f.Rule, f.Path, f.Level) == ("ima.unlisted", "app/dropped.so", IntegrityLevel.HighAnomaly));
        var note = Assert.Single(boot.Findings, f => f.Rule == "ima.checked");
        Assert.Contains("6 measurements since boot, 2 of the deployment's files compared", note.Detail, StringComparison.Ordinal);
        Assert.Contains("1 hashed with another algorithm", note.Detail, StringComparison.Ordinal);
        Assert.Equal(2, boot.Findings.Count(f => f.Level >= IntegrityLevel.Anomaly));
    }

    [Fact]
    public void Without_ima_the_report_says_so()
    {
        var boot = Boot();

        var note = Assert.Single(boot.Findings, f => f.Rule == "ima.unavailable");
        Assert.Equal(IntegrityLevel.NoAnomaly, note.Level);
        Assert.Contains("no IMA measurement list", note.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> RunningFrom => new()
    {
        { "secure", true },
        { "secure/", true },
        { "app", false },
        { "elsewhere", false },
    };

    [Theory]
    [MemberData(nameof(RunningFrom))]
    public void The_partition_must_run_from_the_sealed_secure_folder(string from, bool sealedCode)
    {
        var root = Path.Combine(_dir, "deployment");
        Directory.CreateDirectory(Path.Combine(root, "secure"));
        Directory.CreateDirectory(Path.Combine(root, "app"));
        Directory.CreateDirectory(Path.Combine(_dir, "elsewhere"));
        File.WriteAllBytes(Path.Combine(root, "secure", "Firmware.dll"), Bytes(1, 100));
        File.WriteAllBytes(Path.Combine(root, "app", "Firmware.dll"), Bytes(2, 100));
        DeploymentSealer.Seal(root, TestBench.OemKey, ApplicationKey, new DeploymentSealer.SealSettings("1.0.0", 1, 1, 1, _time.GetUtcNow()));
        var running = from == "elsewhere" ? Path.Combine(_dir, "elsewhere") : Path.Combine(root, from);

        var boot = DeploymentBoot.Run(new LocalFileTree(root), null, new FileDurableStore(Path.Combine(_dir, "nvs")), TestBench.Rom,
            _options with { RunningFrom = running }, _time.GetUtcNow());

        Assert.Equal(sealedCode, boot.IsClean);
        Assert.Equal(sealedCode ? 0 : 1, boot.Findings.Count(f => (f.Rule, f.Level) == ("deployment.not-running-sealed", IntegrityLevel.HighAnomaly)));
    }

    private DeploymentBoot Boot(IFileMeasurementLog? ima = null)
    {
        var chain = DeploymentSealer.Build(_tree, TestBench.OemKey, ApplicationKey,
            new DeploymentSealer.SealSettings("1.0.0", 1, 1, 1, _time.GetUtcNow()));
        _tree.Put(DeploymentLayout.SecureManifest, chain.SecureDocument);
        _tree.Put(DeploymentLayout.ApplicationManifest, chain.ApplicationDocument);
        return DeploymentBoot.Run(_tree, ima, new FileDurableStore(Path.Combine(_dir, "nvs")), TestBench.Rom, _options, _time.GetUtcNow());
    }

    private DateTimeOffset Later(TimeSpan by) => _time.GetUtcNow() + by;

    private static byte[] Bytes(byte seed, int length) => Enumerable.Range(0, length).Select(i => (byte)(seed * 31 + i)).ToArray();

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 0x01;
        return bytes;
    }
}
