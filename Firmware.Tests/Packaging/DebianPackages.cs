using Testing.Netns;

namespace Firmware.Tests.Packaging;

/// <summary>
/// Builds the Debian packages once for the collection (scripts/package-deb.sh: self-contained publish for linux-x64
/// and linux-arm64, sealed with a development OEM key made here by `oem init`, then dpkg-deb) and unpacks each into a
/// scratch root with dpkg -x.
/// </summary>
public sealed class DebianPackages : IDisposable
{
    /// <summary>Where the package installs the sealed deployment's current slot (the units' and partition.json's path).</summary>
    public const string InstalledDeployment = "/usr/lib/obu/current";

    public DebianPackages()
    {
        HostCommand.Require("dpkg-deb", "dpkg");
        string built;
        try
        {
            Firmware.Host.OemKeyFiles.Create(Oem, force: false);
            built = HostCommand.Run(Path.Combine(Testing.TestInfra.RepoRoot, "scripts", "package-deb.sh"), ["--out", Folder, "--version", "1.0.0", "--oem-dir", Oem],
                TimeSpan.FromMinutes(25), Testing.TestInfra.RepoRoot);
        }
        catch
        {
            // A fixture that fails to build is never disposed: leave no packages or keys behind.
            Directory.Delete(Folder, recursive: true);
            throw;
        }

        foreach (var deb in built.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var arch = deb.Contains("_arm64.deb", StringComparison.Ordinal) ? "arm64" : "amd64";
            Debs[arch] = deb.Trim();
            Roots[arch] = Path.Combine(Folder, "root-" + arch);
            HostCommand.Run("dpkg", ["-x", Debs[arch], Roots[arch]]);
        }
    }

    public string Folder { get; } = Testing.TestInfra.NewTempDirectory("fk-deb");

    /// <summary>The development OEM key directory the packages were sealed with.</summary>
    public string Oem => Path.Combine(Folder, "oem");

    public Dictionary<string, string> Debs { get; } = [];

    public Dictionary<string, string> Roots { get; } = [];

    /// <summary>
    /// Runs the installed secure partition's executable (/usr/lib/obu/current/secure/Firmware) of a scratch root with
    /// the package's files at their installed paths: in a mount namespace of its own (unshare, util-linux), the scratch
    /// root's /etc and /usr/lib are overlaid read-only on this machine's (overlayfs with two lower layers), so the
    /// installed configuration is read unchanged and nothing outside the namespace sees it. Needs root.
    /// </summary>
    public static (int Code, string Output) RunInstalled(string root, params string[] arguments)
    {
        var unshare = HostCommand.Require("unshare", "util-linux");
        if (Environment.UserName != "root")
        {
            Assert.Fail("Running the installed package at its installed paths needs root (a mount namespace with overlayfs).");
        }

        const string Script = "set -e; mount -t overlay obu-etc -o \"lowerdir=$1/etc:/etc\" /etc; "
            + "mount -t overlay obu-usr-lib -o \"lowerdir=$1/usr/lib:/usr/lib\" /usr/lib; shift; exec " + InstalledDeployment + "/secure/Firmware \"$@\"";
        var (code, output, error) = HostCommand.TryRun(unshare, ["--mount", "--propagation", "private", "sh", "-c", Script, "sh", root, .. arguments], TimeSpan.FromMinutes(3));
        return (code, output + error);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class DebianPackageCollection : ICollectionFixture<DebianPackages>
{
    public const string Name = "debian packages";
}
