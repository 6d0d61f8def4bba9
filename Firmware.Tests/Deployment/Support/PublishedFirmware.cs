using System.Diagnostics;
using Firmware.Host;
using Firmware.SecurePartition.Boot;
using V2x.Security.Crypto;

namespace Firmware.Tests.Deployment.Support;

/// <summary>
/// The Firmware project published once for the deployment tests (`dotnet publish --no-build`, framework
/// dependent: the output the tests' build already produced, laid out as a deployment), an OEM key folder
/// (`oem init`: the OEM key and the application-stage key) and deployments made from the publish output:
/// DIR/secure and DIR/app each a copy of it, sealed by the `seal` command.
/// </summary>
public sealed partial class PublishedFirmware : IDisposable
{
    /// <summary>The xunit collection sharing one publish.</summary>
    public const string Collection = "published firmware";

    public PublishedFirmware()
    {
        Directory = Testing.TestInfra.NewTempDirectory("fw-published");
        Published = Path.Combine(Directory, "publish");
        Oem = Path.Combine(Directory, "oem");
        OemKeyFiles.Create(Oem, force: false);
        OemKey = OemKeyFiles.Load(Oem);
        Rom = new BootRom(OemKey.PublicKey);
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", Path.Combine(Testing.TestInfra.RepoRoot, "Firmware", "Firmware.csproj"), "-c", configuration, "--no-build", "-o", Published, "--nologo" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(Path.Combine(Published, "Firmware.dll")))
        {
            throw new InvalidOperationException($"dotnet publish of Firmware failed ({process.ExitCode}): build Firmware in {configuration} first.\n{stdout.Result}\n{stderr.Result}");
        }
    }

    public string Directory { get; }

    /// <summary>The publish output.</summary>
    public string Published { get; }

    /// <summary>The OEM key folder (oem.key, app-stage.key).</summary>
    public string Oem { get; }

    /// <summary>The OEM key.</summary>
    public EcdsaP256SignatureKey OemKey { get; }

    /// <summary>The ROM pinning the OEM key.</summary>
    public BootRom Rom { get; }

    /// <summary>A new unsealed deployment: secure/ and app/, each a copy of the publish output.</summary>
    public string NewDeployment(string parent, string name)
    {
        var root = Path.Combine(parent, name);
        Copy(Published, Path.Combine(root, DeploymentLayout.SecureDirectory));
        Copy(Published, Path.Combine(root, DeploymentLayout.ApplicationDirectory));
        return root;
    }

    /// <summary>Seals a deployment through the `seal` command with this fixture's OEM folder (or another).</summary>
    public static async Task SealAsync(string deployment, string oem, string release, uint secureVersion, uint? manifestVersion = null)
    {
        using var output = new StringWriter();
        var args = new List<string> { "seal", "--deployment", deployment, "--oem-dir", oem, "--version", release, "--secure-version", secureVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (manifestVersion is { } m)
        {
            args.AddRange(["--manifest-version", m.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var code = await FirmwareCli.RunAsync(args, output, output, CancellationToken.None);
        Assert.True(code == 0, output.ToString());
    }

    /// <summary>Copies a tree, keeping modes (File.Copy keeps the permission bits on Unix); links are copied as links.</summary>
    public static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo)
            {
                Copy(entry.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }

    public void Dispose()
    {
        _updates.Dispose();
        OemKey.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

[CollectionDefinition(PublishedFirmware.Collection)]
public sealed class PublishedFirmwareCollection : ICollectionFixture<PublishedFirmware>;
