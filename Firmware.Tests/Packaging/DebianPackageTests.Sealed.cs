using Testing.Netns;

namespace Firmware.Tests.Packaging;

/// <summary>
/// Issue 12: the package installs a sealed deployment. The installed secure partition's executable, run with the
/// installed /etc/obu/partition.json at the installed paths (<see cref="DebianPackages.RunInstalled"/>), verifies the
/// deployment against the ROM anchor /etc/obu/oem.rom the way the partition boots it; a changed, added or unsealed
/// file, or a ROM anchor of another OEM, is reported with the rule and file the partition latches at boot, and exit 1.
/// Tampering is done on a copy of the scratch root (hard links, a changed file replaced by a copy of its own first), so
/// the other rows keep the package as built.
/// </summary>
public sealed partial class DebianPackageTests
{
    private const string Slot = "usr/lib/obu/slots/a";

    [Fact]
    public void The_installed_partition_verifies_the_sealed_deployment_against_the_installed_rom_anchor()
    {
        var root = packages.Roots["amd64"];
        Assert.Equal("slots/a", new FileInfo(Path.Combine(root, "usr/lib/obu/current")).LinkTarget);
        Assert.Equal(File.ReadAllText(Path.Combine(packages.Oem, "oem.pub")), File.ReadAllText(Path.Combine(root, "etc/obu/oem.rom")));
        var files = Directory.EnumerateFiles(Path.Combine(root, Slot, "secure")).Count();

        var (code, output) = DebianPackages.RunInstalled(root, "self-test", "--config", "/etc/obu/partition.json");

        Assert.True(code == 0, output);
        Assert.StartsWith("self-test OK: linux-x64", output, StringComparison.Ordinal);
        Assert.Contains($"deployment verified: {DebianPackages.InstalledDeployment} (/usr/lib/obu/slots/a), release 1.0.0, secure version 1, "
            + $"secure-partition {files} files, application {files} files, ROM /etc/obu/oem.rom", output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Tampering => new()
    {
        { "one octet of the application's Firmware.dll", "flip app/Firmware.dll", "deployment.changed app/Firmware.dll (HighAnomaly)" },
        { "one octet of the secure partition's createdump (ELF)", "flip secure/createdump", "deployment.changed secure/createdump (HighAnomaly)" },
        { "an unsealed native library beside the secure partition", "add secure/libhook.so", "deployment.added-executable secure/libhook.so (HighAnomaly)" },
        { "the execute bit taken from createdump", "chmod secure/createdump", "deployment.mode secure/createdump (HighAnomaly)" },
        { "an unsealed tree (the seal removed, as a plain publish)", "unseal", "deployment.manifest seal (HighAnomaly): the deployment's manifest chain does not verify: Missing" },
        { "the ROM anchor of another OEM", "other rom", "deployment.manifest seal (HighAnomaly): the deployment's manifest chain does not verify: BadSignature" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void A_tampered_or_unsealed_installation_is_refused_naming_the_rule_and_file(string row, string change, string finding)
    {
        var copy = Path.Combine(packages.Folder, "tampered-" + Guid.NewGuid().ToString("N")[..8]);
        HostCommand.Run("cp", ["-al", packages.Roots["amd64"], copy]);
        try
        {
            var (action, file) = change.Split(' ', 2) is [var a, var f] ? (a, f) : (change, "");
            var path = Path.Combine(copy, Slot, file);
            switch (action)
            {
                case "flip":
                    Unshare(path);
                    using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
                    {
                        stream.Position = 4096;
                        var octet = stream.ReadByte();
                        stream.Position = 4096;
                        stream.WriteByte((byte)(octet ^ 0xFF));
                    }

                    break;
                case "add":
                    File.WriteAllBytes(path, [0x7F, (byte)'E', (byte)'L', (byte)'F']);
                    break;
                case "chmod":
                    Unshare(path);
                    File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute));
                    break;
                case "unseal":
                    Directory.Delete(Path.Combine(copy, Slot, "seal"), recursive: true);
                    break;
                default:
                    var rom = Path.Combine(copy, "etc/obu/oem.rom");
                    File.Delete(rom);
                    using (var other = V2x.Security.Crypto.EcdsaP256SignatureKey.Generate())
                    {
                        File.WriteAllText(rom, Convert.ToHexStringLower(other.PublicKey.Point.ToSec1()) + "\n");
                    }

                    break;
            }

            var (code, output) = DebianPackages.RunInstalled(copy, "self-test", "--config", "/etc/obu/partition.json");

            Assert.True(code == 1, $"{row}: exit {code}\n{output}");
            Assert.StartsWith($"self-test FAILED at sealed deployment {DebianPackages.InstalledDeployment}: ", output, StringComparison.Ordinal);
            Assert.Contains("\n  " + finding, output, StringComparison.Ordinal);
            Assert.DoesNotContain("self-test OK", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    // The copy shares its files' inodes with the scratch root: a file to be changed is replaced by a copy of its own.
    private static void Unshare(string path)
    {
        File.Copy(path, path + ".own");
        File.SetUnixFileMode(path + ".own", File.GetUnixFileMode(path));
        File.Move(path + ".own", path, overwrite: true);
    }
}
