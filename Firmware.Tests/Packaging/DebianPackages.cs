using Testing.Netns;

namespace Firmware.Tests.Packaging;

/// <summary>
/// Builds the Debian packages once for the collection (scripts/package-deb.sh: self-contained publish for linux-x64
/// and linux-arm64, then dpkg-deb) and unpacks each into a scratch root with dpkg -x.
/// </summary>
public sealed class DebianPackages : IDisposable
{
    public DebianPackages()
    {
        HostCommand.Require("dpkg-deb", "dpkg");
        string built;
        try
        {
            built = HostCommand.Run(Path.Combine(Testing.TestInfra.RepoRoot, "scripts", "package-deb.sh"), ["--out", Folder, "--version", "1.0.0"],
                TimeSpan.FromMinutes(25), Testing.TestInfra.RepoRoot);
        }
        catch
        {
            // A fixture that fails to build is never disposed: leave no packages behind.
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

    public Dictionary<string, string> Debs { get; } = [];

    public Dictionary<string, string> Roots { get; } = [];

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class DebianPackageCollection : ICollectionFixture<DebianPackages>
{
    public const string Name = "debian packages";
}
