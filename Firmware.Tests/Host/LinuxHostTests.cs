using Firmware.Host;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using Microsoft.Extensions.Configuration;
using V2x.Integrity;

namespace Firmware.Tests.Host;

/// <summary>The Linux board from configuration: records in a directory, the black box in a file, the ROM from a file; verified by the command.</summary>
public sealed class LinuxHostTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-linuxhost");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_linux_board_keeps_its_black_box_in_a_file_that_the_verify_command_checks()
    {
        var rom = Path.Combine(_dir, "oem.rom");
        var oem = Path.Combine(_dir, "oem");
        OemKeyFiles.Create(oem, force: false);
        var settings = new Dictionary<string, string?>
        {
            ["Board:Kind"] = "Linux",
            ["Board:StorageDirectory"] = Path.Combine(_dir, "nvs"),
            ["Board:BlackBoxFile"] = Path.Combine(_dir, "blackbox.bin"),
            ["Board:BlackBoxBytes"] = "65536",
            ["Rom:File"] = rom,
        };
        using (var flashed = new StringWriter())
        {
            Assert.Equal(0, await FirmwareCli.RunAsync(
                ["flash", "--board", "Linux", "--storage", settings["Board:StorageDirectory"]!, "--rom", rom, "--oem-dir", oem], flashed, flashed, CancellationToken.None));
        }

        string publicKey;
        using (var board = HostedBoard.Open(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), TimeProvider.System))
        using (var partition = new SecurePartitionService(new SecurePartitionOptions { Board = board.Board, Rom = board.Rom, BlackBox = board.BlackBox, PeriodicScans = false }))
        {
            // The Linux starting policy requires every class Linux can feed: without a PKCS#11 token, HSM tamper cannot
            // be checked (an anomaly); no images means integrity is not checkable (not required); the classes it names
            // nothing for are "not configured", and none of those is in the coverage.
            Assert.Equal(IntegrityLevel.Anomaly, partition.Idf.Latest.Level);
            Assert.Equal(SecurePartition.Detection.DetectorStatus.CannotCheck,
                partition.Idf.Latest.Results.Single(r => r.Detector == DetectorFlags.HsmTamper).Status);
            Assert.Equal(SecurePartition.Detection.DetectorStatus.NotRequired,
                partition.Idf.Latest.Results.Single(r => r.Detector == DetectorFlags.IntegrityCheck).Status);
            Assert.Equal(DetectorFlags.Memory, partition.Idf.Latest.Coverage);
            partition.TriggerCheck(TriggerKind.ApplicationStart, "v2x-app");
            publicKey = Convert.ToHexStringLower(BootRom.EncodeKey(partition.Keys.BlackBoxKey().PublicKey));
            Assert.Equal(2UL, partition.BlackBox.LastSequence);
        }

        using var output = new StringWriter();
        var code = await FirmwareCli.RunAsync(
            ["blackbox", "verify", "--board", "Linux", "--storage", settings["Board:StorageDirectory"]!, "--blackbox-file", settings["Board:BlackBoxFile"]!, "--public-key", publicKey],
            output, output, CancellationToken.None);
        Assert.True(code == 0, output.ToString());
        Assert.Contains("OK: 2 entries verified", output.ToString(), StringComparison.Ordinal);
    }
}
