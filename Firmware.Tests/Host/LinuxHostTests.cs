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
        RomFile.Burn(rom, TestBench.Rom);
        var settings = new Dictionary<string, string?>
        {
            ["Board:Kind"] = "Linux",
            ["Board:StorageDirectory"] = Path.Combine(_dir, "nvs"),
            ["Board:BlackBoxFile"] = Path.Combine(_dir, "blackbox.bin"),
            ["Board:BlackBoxBytes"] = "65536",
            ["Rom:File"] = rom,
        };
        string publicKey;
        using (var board = HostedBoard.Open(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), TimeProvider.System))
        using (var partition = new SecurePartitionService(new SecurePartitionOptions { Board = board.Board, Rom = board.Rom, BlackBox = board.BlackBox, PeriodicScans = false }))
        {
            // No flash images and no policy on this host: the partition fails closed (the strict policy, a compromise for the missing policy).
            Assert.Equal(IntegrityLevel.Compromised, partition.Idf.Latest.Level);
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
