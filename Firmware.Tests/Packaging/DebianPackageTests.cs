using Testing.Netns;

namespace Firmware.Tests.Packaging;

/// <summary>
/// The packages of scripts/package-deb.sh: their control fields, what `dpkg -x` puts into a scratch root, the
/// systemd units passing `systemd-analyze verify`, the x64 build's self-test (with the installed configuration: the
/// sealed deployment verified, tampering found, <c>DebianPackageTests.Sealed.cs</c>), the packaged configuration files
/// as the host loads them (<c>DebianPackageTests.Config.cs</c>), and the arm64 build's self-test under
/// qemu-aarch64-static (Debian qemu-user-static; the arm64 C library, OpenSSL and libstdc++ from Debian's arm64
/// packages, which scripts/setup.sh installs).
/// </summary>
[Collection(DebianPackageCollection.Name)]
public sealed partial class DebianPackageTests(DebianPackages packages)
{
    public static TheoryData<string> Files => new()
    {
        "usr/lib/obu/current/secure/Firmware",
        "usr/lib/obu/current/app/Firmware",
        "usr/lib/obu/current/seal/secure.manifest",
        "usr/lib/obu/current/seal/app.manifest",
        "lib/systemd/system/obu-partition.service",
        "lib/systemd/system/obu-app.service",
        "usr/lib/tmpfiles.d/obu.conf",
        "usr/lib/sysusers.d/obu.conf",
        "etc/obu/partition.json",
        "etc/obu/app.json",
        "etc/obu/obu.dbc",
        "etc/obu/oem.rom",
        "usr/share/doc/obu-firmware/field.md",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_package_installs_its_files_into_a_scratch_root(string file)
    {
        foreach (var (arch, root) in packages.Roots)
        {
            Assert.True(File.Exists(Path.Combine(root, file)), $"{arch}: {file} missing");
        }

        Assert.Equal(["amd64", "arm64"], packages.Roots.Keys.Order());
    }

    [Fact]
    public void Control_fields_name_the_architecture_and_the_configuration_files()
    {
        foreach (var (arch, deb) in packages.Debs)
        {
            Assert.Equal($"obu-firmware\n{arch}\n", HostCommand.Run("dpkg-deb", ["-f", deb, "Package", "Architecture"]).Replace("Package: ", "", StringComparison.Ordinal).Replace("Architecture: ", "", StringComparison.Ordinal));
            var conffiles = HostCommand.Run("dpkg-deb", ["--ctrl-tarfile", deb]);
            Assert.Contains("conffiles", conffiles, StringComparison.Ordinal);
            Assert.Equal("/etc/obu/app.json\n/etc/obu/obu.dbc\n/etc/obu/oem.rom\n/etc/obu/partition.json\n", HostCommand.Run("dpkg-deb", ["-I", deb, "conffiles"]));
            // prerm stops the partitions before dpkg replaces the sealed files under them.
            Assert.Contains("systemctl stop obu-app.service obu-partition.service", HostCommand.Run("dpkg-deb", ["-I", deb, "prerm"]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_units_pass_systemd_analyze_verify()
    {
        var analyze = HostCommand.Require("systemd-analyze", "systemd");
        var root = packages.Roots["amd64"];
        var units = new[] { "obu-partition.service", "obu-app.service" }.Select(u => Path.Combine(root, "lib/systemd/system", u)).ToArray();

        // The scratch root holds this package only; systemd's own targets and slices (package systemd) come from the
        // host, as on an installed system (without them verify stops at "Unit sysinit.target not found").
        foreach (var unit in Directory.GetFiles("/lib/systemd/system").Where(f => f.EndsWith(".target", StringComparison.Ordinal) || f.EndsWith(".slice", StringComparison.Ordinal)))
        {
            var copy = Path.Combine(root, "lib/systemd/system", Path.GetFileName(unit));
            if (!File.Exists(copy) && File.Exists(unit))
            {
                File.Copy(unit, copy);
            }
        }

        var (code, output, error) = HostCommand.TryRun(analyze, ["verify", "--root", root, .. units]);

        Assert.True(code == 0 && error.Trim().Length == 0, $"systemd-analyze verify exited {code}: {error}{output}");
    }

    [Fact]
    public void The_x64_build_passes_its_self_test()
    {
        var output = HostCommand.Run(Path.Combine(packages.Roots["amd64"], "usr/lib/obu/current/secure/Firmware"), ["self-test"], TimeSpan.FromMinutes(2));

        Assert.StartsWith("self-test OK: linux-x64", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_arm64_build_passes_its_self_test_under_qemu()
    {
        var qemu = HostCommand.Require("qemu-aarch64-static", "qemu-user-static");
        if (!File.Exists("/lib/ld-linux-aarch64.so.1"))
        {
            Assert.Fail("The arm64 dynamic loader is missing: scripts/setup.sh installs libc6:arm64, libssl3:arm64, libstdc++6:arm64 and zlib1g:arm64.");
        }

        var output = HostCommand.Run(qemu, [Path.Combine(packages.Roots["arm64"], "usr/lib/obu/current/secure/Firmware"), "self-test"], TimeSpan.FromMinutes(5));

        Assert.StartsWith("self-test OK: linux-arm64", output, StringComparison.Ordinal);
    }
}
