using Firmware.Host;
using Firmware.SecurePartition;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Triggers;
using Hardware.Simulated;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;

namespace Firmware.Tests.Host;

/// <summary>The executable's subcommands, run in-process through <see cref="FirmwareCli.RunAsync"/>: oem init, flash, blackbox verify.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-cli");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Oem_init_then_flash_gives_a_board_that_boots_clean_and_a_burnt_rom_refuses_another_oem()
    {
        var oem = Path.Combine(_dir, "oem");
        var flash = Path.Combine(_dir, "obu.bin");
        Assert.Equal(0, (await Run("oem", "init", "--dir", oem)).Code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(oem, "oem.key")));
        Assert.Equal(1, (await Run("oem", "init", "--dir", oem)).Code);

        var flashed = await Run("flash", "--flash", flash, "--oem-dir", oem, "--create", "--version", "1.2.0", "--secure-version", "3");
        Assert.True(flashed.Code == 0, flashed.Output);
        Assert.Contains("manifest 1", flashed.Output, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(BootRom.EncodeKey(OemKeyFiles.Load(oem).PublicKey)), File.ReadAllText(RomFile.PathFor(flash)).Trim());

        var scan = Boot(flash);
        Assert.Equal(IntegrityLevel.NoAnomaly, scan.Level);

        // A second flash is a newer manifest and a new flash generation.
        Assert.Equal(0, (await Run("flash", "--flash", flash, "--oem-dir", oem, "--version", "1.3.0", "--secure-version", "3")).Code);
        Assert.Equal(IntegrityLevel.NoAnomaly, Boot(flash).Level);

        var other = Path.Combine(_dir, "other-oem");
        OemKeyFiles.Create(other, force: false);
        var refused = await Run("flash", "--flash", flash, "--oem-dir", other);
        Assert.Equal(1, refused.Code);
        Assert.Contains("burnt", refused.Output, StringComparison.Ordinal);
        Assert.Equal(IntegrityLevel.NoAnomaly, Boot(flash).Level);
    }

    public static TheoryData<string[], int> UsageRows => new()
    {
        { [], 2 },
        { ["nonsense"], 2 },
        { ["flash"], 2 },
        { ["flash", "--flash"], 2 },
        { ["blackbox", "verify", "--flash", "/nonexistent/obu.bin", "--public-key", "zz"], 2 },
        { ["oem", "init"], 2 },
        { ["secure-partition", "--flash", "x"], 2 },
        { ["flash", "--flash", "x", "--oem-dir", "/nonexistent-oem"], 1 },
    };

    [Theory]
    [MemberData(nameof(UsageRows))]
    public async Task Mistakes_give_usage_or_failure_exit_codes_without_crashing(string[] args, int code) =>
        Assert.Equal(code, (await Run(args)).Code);

    public static TheoryData<string> Tamperings => new() { "edit", "truncate", "reorder" };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Blackbox_verify_accepts_the_partitions_log_and_names_the_first_bad_entry(string tampering)
    {
        var oem = Path.Combine(_dir, "oem");
        var flash = Path.Combine(_dir, "obu.bin");
        OemKeyFiles.Create(oem, force: false);
        Assert.Equal(0, (await Run("flash", "--flash", flash, "--oem-dir", oem, "--create")).Code);
        string publicKey;
        IReadOnlyList<BlackBoxEntry> entries;
        var time = new FakeTimeProvider(Support.TestBench.Start);
        using (var board = SimulatedBoard.Open(flash, new SimulatedBoardOptions { Time = time }))
        using (var partition = new SecurePartitionService(new SecurePartitionOptions
        {
            Board = board.Capabilities, Rom = RomFile.Read(RomFile.PathFor(flash)), BlackBox = new FlashBlackBoxMedium(board.FlashImage), PeriodicScans = false,
        }))
        {
            foreach (var trigger in new[] { TriggerKind.ApplicationStart, TriggerKind.NewHardware, TriggerKind.NewOrUpdatedApplication, TriggerKind.Requested })
            {
                time.Advance(TimeSpan.FromSeconds(5));
                partition.TriggerCheck(trigger, "cli test");
            }

            publicKey = Convert.ToHexStringLower(BootRom.EncodeKey(partition.Keys.BlackBoxKey().PublicKey));
            entries = partition.BlackBox.ReadSince(0, 100);
        }

        var ok = await Run("blackbox", "verify", "--flash", flash, "--public-key", publicKey);
        Assert.True(ok.Code == 0, ok.Output);
        Assert.Contains($"OK: {entries.Count} entries verified", ok.Output, StringComparison.Ordinal);

        // Tamper with the black-box partition (at 0xE0000 in the small layout) as someone with the flash file could.
        ulong expected;
        string problem;
        using (var file = new FileStream(flash, FileMode.Open, FileAccess.ReadWrite))
        {
            const long blackBox = 0xE0000;
            if (tampering == "edit")
            {
                var at = blackBox + entries[2].Offset + 100;
                file.Position = at;
                var b = file.ReadByte();
                file.Position = at;
                file.WriteByte((byte)(b ^ 0x40));
                (expected, problem) = (entries[2].Sequence, "BadSignature");
            }
            else if (tampering == "truncate")
            {
                file.Position = blackBox + entries[^1].Offset;
                file.Write(Enumerable.Repeat((byte)0xFF, (int)(file.Length - file.Position) > 64 * 1024 ? 32 * 1024 : 4096).ToArray());
                (expected, problem) = (entries[^1].Sequence, "Truncated");
            }
            else
            {
                // Move entry 3 to the end of the log, after entry N.
                var third = new byte[entries[3].Offset - entries[2].Offset];
                var rest = new byte[entries[^1].Offset + 4096 - entries[3].Offset];
                file.Position = blackBox + entries[2].Offset;
                file.ReadExactly(third);
                file.ReadExactly(rest);
                file.Position = blackBox + entries[2].Offset;
                file.Write(rest);
                file.Write(third);
                (expected, problem) = (entries[3].Sequence, "SequenceBreak");
            }
        }

        var bad = await Run("blackbox", "verify", "--flash", flash, "--public-key", publicKey);
        Assert.Equal(1, bad.Code);
        Assert.Matches($@"first bad entry {expected}\b", bad.Output);
        Assert.Contains(problem, bad.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], int, string> CommandLineRows => new()
    {
        { "--help lists the commands", ["--help"], 0, "secure-partition" },
        { "a group's --help lists its commands", ["blackbox", "--help"], 0, "verify" },
        { "a command's --help names each option's setting", ["flash", "--help"], 0, "Image:SecureVersion" },
        { "unknown command", ["frob"], 2, "Unrecognized command or argument 'frob'" },
        { "unknown option", ["self-test", "--colour", "red"], 2, "Unrecognized command or argument '--colour'" },
        { "option without its value", ["oem", "init", "--dir"], 2, "--dir" },
        { "port out of range", ["obu", "--radio-port", "70000"], 2, "--radio-port (Radio:Port) is a port 0..65535, not '70000'" },
        { "not a whole number", ["obu", "--run-seconds", "soon"], 2, "--run-seconds (Run:Seconds) is a whole number, not 'soon'" },
        { "bad choice", ["flash", "--sending-option", "4"], 2, "--sending-option (Image:SendingOption) is 1, 2 or 3, not '4'" },
        { "a setting missing at run time", ["oem", "init"], 2, "Oem:Directory" },
        { "a setting without its value", ["self-test", "--Socket:Group"], 2, "--Socket:Group needs a value" },
        { "a configuration file that is not there", ["self-test", "--config", "/nonexistent/obu.json"], 2, "No configuration file" },
        { "a typed failure at run time", ["oem", "init", "--dir", "/proc/v2x-oem"], 1, "Firmware oem init:" },
        { "success", ["self-test"], 0, "" },
    };

    [Theory]
    [MemberData(nameof(CommandLineRows))]
    public async Task Command_line_is_read_by_system_commandline(string name, string[] args, int code, string message)
    {
        var (got, text) = await Run(args);
        Assert.True(code == got, $"{name}: exit {got} {text}");
        Assert.True(text.Contains(message, StringComparison.Ordinal), $"{name}: {text}");
    }

    private static SecurePartition.Detection.ScanResult Boot(string flash)
    {
        using var board = SimulatedBoard.Open(flash, new SimulatedBoardOptions { Time = new FakeTimeProvider(Support.TestBench.Start) });
        using var partition = new SecurePartitionService(new SecurePartitionOptions
        {
            Board = board.Capabilities, Rom = RomFile.Read(RomFile.PathFor(flash)), BlackBox = new FlashBlackBoxMedium(board.FlashImage), PeriodicScans = false,
        });
        return partition.Idf.Latest;
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        var code = await FirmwareCli.RunAsync(args, output, output, CancellationToken.None);
        return (code, output.ToString());
    }
}
