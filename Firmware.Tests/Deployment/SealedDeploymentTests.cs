using Firmware.Host;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Deployment.Support;
using Firmware.Tests.Support;
using Hardware.Files;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Deployment;

/// <summary>
/// Issue 11, "Done when": on the real Linux board, a deployment the test publishes (the Firmware
/// project) and seals itself. A change made while the OBU runs is a high anomaly at the partition's
/// next periodic scan, naming the file, and the next signed message's report carries it (decoded
/// from the verified message); a broken chain or a rollback is found at boot.
/// </summary>
[Collection(PublishedFirmware.Collection)]
public sealed class SealedDeploymentTests(PublishedFirmware firmware) : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-sealed");
    private readonly FakeTimeProvider _time = new(TestBench.Start);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_freshly_sealed_deployment_boots_clean_and_the_report_says_what_was_measured()
    {
        var deployment = await SealedAsync("v1", "1.0.0", 1);
        var state = LinuxObu.NewState(_dir, firmware.OemKey, _time.GetUtcNow());

        await using var obu = new LinuxObu(deployment, state, firmware.Rom, _time);

        var integrity = obu.Integrity;
        Assert.True((DetectorStatus.Checked, IntegrityLevel.NoAnomaly) == (integrity.Status, integrity.Level), Describe(integrity));
        Assert.True((obu.Partition.Idf.Latest.Coverage & DetectorFlags.IntegrityCheck) != 0);
        var files = Directory.EnumerateFiles(deployment, "*", SearchOption.AllDirectories).Count() - 2;
        Assert.Contains(integrity.Evidence, e => e.Rule == "deployment.measured" && e.Detail.Contains($"{files} sealed files", StringComparison.Ordinal));
        Assert.Equal([(DeploymentLayout.SecureStage, StageVerdict.Verified), (DeploymentLayout.ApplicationStage, StageVerdict.Verified)],
            obu.Partition.Idf.Boot.AllStages.Select(s => (s.Label, s.Verdict)));

        // This machine's kernel exposes no IMA list; where one exists, its measurements are compared instead.
        var ima = File.Exists(Hardware.Linux.ImaMeasurementLog.DefaultPath) ? "ima.checked" : "ima.unavailable";
        Assert.Contains(integrity.Evidence, e => e.Rule == ima && e.Level == IntegrityLevel.NoAnomaly);
        var report = obu.Partition.GetDetailedReport();
        Assert.Contains(report.BootStages, s => s.Label == DeploymentLayout.ApplicationStage && s.Verdict == StageVerdict.Verified);
        var sbom = Assert.Single(report.Software, c => c.Source == "deployment:" + DeploymentLayout.SecureStage);
        Assert.Equal("1.0.0", sbom.Version);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(deployment, DeploymentLayout.SecureManifest))), sbom.Sha256);
        Assert.Contains(report.Results.Single(r => r.Detector == DetectorFlags.IntegrityCheck).Evidence, e => e.Rule == ima);
    }

    public static TheoryData<string, Action<string>, string, string, IntegrityLevel> RuntimeChanges => new()
    {
        { "one octet changed in the secure partition's Firmware.dll", d => FlipOctet(Path.Combine(d, "secure", "Firmware.dll"), 4096), "deployment.changed", "secure/Firmware.dll", IntegrityLevel.HighAnomaly },
        { "one octet changed in the application's V2x.dll", d => FlipOctet(Path.Combine(d, "app", "V2x.dll"), 1000), "deployment.changed", "app/V2x.dll", IntegrityLevel.HighAnomaly },
        { "an extra native library", d => File.WriteAllBytes(Path.Combine(d, "app", "libhook.so"), [0x7F, (byte)'E', (byte)'L', (byte)'F']), "deployment.added-executable", "app/libhook.so", IntegrityLevel.HighAnomaly },
        { "a missing assembly", d => File.Delete(Path.Combine(d, "app", "Cti.dll")), "deployment.missing", "app/Cti.dll", IntegrityLevel.HighAnomaly },
        { "the runtime configuration given an execute bit", d => File.SetUnixFileMode(Path.Combine(d, "secure", "Firmware.runtimeconfig.json"), (UnixFileMode)0b111_100_100), "deployment.mode", "secure/Firmware.runtimeconfig.json", IntegrityLevel.HighAnomaly },
        { "an assembly replaced by a link", d => { var p = Path.Combine(d, "secure", "Hardware.dll"); File.Delete(p); File.CreateSymbolicLink(p, "/usr/lib/os-release"); }, "deployment.not-regular", "secure/Hardware.dll", IntegrityLevel.HighAnomaly },
    };

    [Theory]
    [MemberData(nameof(RuntimeChanges))]
    public async Task A_change_while_running_is_found_at_the_next_scan_and_the_next_signed_message_carries_it(
        string name, Action<string> change, string rule, string path, IntegrityLevel level)
    {
        var deployment = await SealedAsync("v1", "1.0.0", 1);
        var state = LinuxObu.NewState(_dir, firmware.OemKey, _time.GetUtcNow());
        await using var obu = new LinuxObu(deployment, state, firmware.Rom, _time, periodicScans: true);
        await TestPki.ProvisionAsync(obu.Client);
        var before = TestPki.Open((await obu.Client.AugmentAndSignAsync(Cam())).Spdu).Report!;
        Assert.True((before.Detectors & DetectorFlags.IntegrityCheck) == 0, name);

        change(deployment);
        _time.Advance(obu.Partition.Idf.Policy.ScanPeriod);

        Assert.Equal(TriggerKind.Periodic, obu.Partition.Idf.Latest.Trigger);
        var finding = obu.Integrity.Evidence.Single(e => e.Level >= IntegrityLevel.Anomaly);
        Assert.True((rule, path, level) == (finding.Rule, finding.Subject, finding.Level), $"{name}: {finding}");
        var after = TestPki.Open((await obu.Client.AugmentAndSignAsync(Cam())).Spdu).Report!;
        Assert.True(after.Level >= level, $"{name}: the signed report says {after.Level}");
        Assert.True((after.Detectors & DetectorFlags.IntegrityCheck) != 0, name);
        Assert.True((after.Coverage & DetectorFlags.IntegrityCheck) != 0, name);
    }

    public static TheoryData<string> BootFailures => new()
    {
        "application manifest signed by another key",
        "secure partition manifest signed by another OEM",
        "security version below the stored one",
        "manifest version below the accepted one",
        "manifest missing",
    };

    [Theory]
    [MemberData(nameof(BootFailures))]
    public async Task A_broken_chain_or_a_rollback_is_a_high_anomaly_at_boot(string failure)
    {
        var state = LinuxObu.NewState(_dir, firmware.OemKey, _time.GetUtcNow());
        var deployment = await SealedAsync("v2", "2.0.0", 2);
        await using (var first = new LinuxObu(deployment, state, firmware.Rom, _time))
        {
            Assert.Equal(IntegrityLevel.NoAnomaly, first.Integrity.Level);
        }

        string rule;
        switch (failure)
        {
            case "application manifest signed by another key":
                var manifest = Path.Combine(deployment, DeploymentLayout.ApplicationManifest);
                using (var applicationKey = OemKeyFiles.LoadApplicationKey(firmware.Oem))
                using (var other = V2x.Security.Crypto.EcdsaP256SignatureKey.Generate())
                {
                    var (body, _) = OemDocument.Open(File.ReadAllBytes(manifest), OemDocumentKind.DeploymentManifest, applicationKey.PublicKey, "test", 1 << 22);
                    File.WriteAllBytes(manifest, OemDocument.Sign(OemDocumentKind.DeploymentManifest, body, other, _time.GetUtcNow()));
                }

                rule = "boot.deployment.manifest";
                break;
            case "secure partition manifest signed by another OEM":
                var otherOem = Path.Combine(_dir, "other-oem");
                OemKeyFiles.Create(otherOem, force: false);
                await PublishedFirmware.SealAsync(deployment, otherOem, "2.0.0", 2);
                rule = "boot.deployment.manifest";
                break;
            case "security version below the stored one":
                deployment = await SealedAsync("v1", "1.0.0", 1, manifestVersion: 9);
                rule = "boot.deployment.rolled-back";
                break;
            case "manifest version below the accepted one":
                deployment = await SealedAsync("v2-old", "2.0.0", 2, manifestVersion: 1);
                rule = "boot.deployment.manifest";
                break;
            default:
                File.Delete(Path.Combine(deployment, DeploymentLayout.SecureManifest));
                rule = "boot.deployment.manifest";
                break;
        }

        await using var obu = new LinuxObu(deployment, state, firmware.Rom, _time);

        var integrity = obu.Integrity;
        Assert.True(integrity.Level == IntegrityLevel.HighAnomaly, Describe(integrity));
        Assert.Contains(integrity.Evidence, e => e.Rule == rule && e.Level == IntegrityLevel.HighAnomaly);
        Assert.True(obu.Partition.Idf.Latest.Level >= IntegrityLevel.HighAnomaly);
        Assert.DoesNotContain(obu.Partition.Idf.Boot.AllStages, s => s.Verdict == StageVerdict.Verified);
    }

    [Fact]
    public async Task Nothing_is_signed_before_the_application_announces_its_start_and_a_changed_application_is_measured_then()
    {
        var deployment = await SealedAsync("v1", "1.0.0", 1);
        var state = LinuxObu.NewState(_dir, firmware.OemKey, _time.GetUtcNow());
        await using var obu = new LinuxObu(deployment, state, firmware.Rom, _time);
        var (slot, key) = await obu.Client.GenerateTicketKeyAsync();
        await obu.Client.InstallTicketAsync(slot, TestPki.IssueTicket(key).Encoded);

        var refused = await Assert.ThrowsAsync<PartitionException>(() => obu.Client.AugmentAndSignAsync(Cam()));
        var refusedProvisioning = await Assert.ThrowsAsync<PartitionException>(() =>
            obu.Client.SignProvisioningRequestAsync(SecurePartition.Keys.KeyRole.Canonical, 0, new Psid(0x23), SignerChoice.Self, new byte[] { 1, 2, 3 }));
        Assert.Equal((PartitionError.ApplicationNotStarted, PartitionError.ApplicationNotStarted), (refused.Error, refusedProvisioning.Error));

        // Changed after boot, before it starts: the announcement re-hashes every application file.
        FlipOctet(Path.Combine(deployment, "app", "Firmware.dll"), 2048);
        var announced = await obu.Client.AnnounceStartAsync("v2x-app 1.0.0");

        Assert.True(announced.Level >= IntegrityLevel.HighAnomaly);
        Assert.Equal(TriggerKind.ApplicationStart, obu.Partition.Idf.Latest.Trigger);
        Assert.Contains(obu.Integrity.Evidence, e => (e.Rule, e.Subject) == ("deployment.changed", "app/Firmware.dll"));
        var report = TestPki.Open((await obu.Client.AugmentAndSignAsync(Cam())).Spdu).Report!;
        Assert.True(report.Level >= IntegrityLevel.HighAnomaly && (report.Detectors & DetectorFlags.IntegrityCheck) != 0);
        Assert.Contains(obu.Partition.ReadDetailedReports(0, 64), r => r.Report.Trigger == TriggerKind.ApplicationStart && r.Report.TriggerDetail == "v2x-app 1.0.0");
    }

    [Fact]
    public async Task The_sealer_refuses_what_a_manifest_cannot_describe()
    {
        var deployment = firmware.NewDeployment(_dir, "links");
        File.CreateSymbolicLink(Path.Combine(deployment, "app", "link.dll"), "Firmware.dll");
        using var output = new StringWriter();

        var code = await FirmwareCli.RunAsync(["seal", "--deployment", deployment, "--oem-dir", firmware.Oem], output, output, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("seal refused (UnsupportedEntry)", output.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(deployment, DeploymentLayout.SealDirectory)));
        File.Delete(Path.Combine(deployment, "app", "link.dll"));
        File.WriteAllBytes(Path.Combine(deployment, "app", "with space.dll"), [1]);
        Assert.Equal(1, await FirmwareCli.RunAsync(["seal", "--deployment", deployment, "--oem-dir", firmware.Oem], output, output, CancellationToken.None));
        Assert.Equal(2, await FirmwareCli.RunAsync(["seal", "--deployment", deployment], output, output, CancellationToken.None));
    }

    private async Task<string> SealedAsync(string name, string release, uint secureVersion, uint? manifestVersion = null)
    {
        var deployment = firmware.NewDeployment(_dir, name);
        await PublishedFirmware.SealAsync(deployment, firmware.Oem, release, secureVersion, manifestVersion);
        return deployment;
    }

    private static SignRequest Cam() => new(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest);

    private static void FlipOctet(string path, long at)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        f.Position = at;
        var b = f.ReadByte();
        f.Position = at;
        f.WriteByte((byte)(b ^ 0x01));
    }

    private static string Describe(DetectorResult r) =>
        $"{r.Status} {r.Level}: " + string.Join("; ", r.Evidence.Where(e => e.Level >= IntegrityLevel.Anomaly).Select(e => $"{e.Rule} {e.Subject}: {e.Detail}").Take(5));
}
