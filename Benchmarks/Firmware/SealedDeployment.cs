using System.Diagnostics;
using Firmware.Deployment;
using Firmware.SecurePartition.Boot;
using Hardware.Files;
using V2x.Security.Crypto;

namespace Benchmarks.Firmware;

/// <summary>
/// A real self-contained OBU deployment for the sealing benchmarks: the Firmware project published for
/// linux-x64 with the .NET runtime (`dotnet publish -r linux-x64 --self-contained`), copied into secure/
/// and app/, made once per process. Set V2X_BENCH_PUBLISH to an existing self-contained publish folder
/// to skip the publish (it takes minutes on a loaded machine).
/// </summary>
internal sealed class SealedDeployment : IDisposable
{
    private static readonly Lazy<SealedDeployment> Shared = new(() =>
    {
        var made = new SealedDeployment();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => made.Dispose();
        return made;
    });

    private SealedDeployment()
    {
        Directory = Path.Combine(Path.GetTempPath(), "bench-deployment-" + Guid.NewGuid().ToString("N"));
        var publish = Environment.GetEnvironmentVariable("V2X_BENCH_PUBLISH") is { Length: > 0 } given ? given : Publish(Path.Combine(Directory, "publish"));
        if (!File.Exists(Path.Combine(publish, "libcoreclr.so")))
        {
            throw new InvalidOperationException($"{publish} is not a self-contained publish (no libcoreclr.so).");
        }

        Root = Path.Combine(Directory, "deployment");
        Copy(publish, Path.Combine(Root, DeploymentLayout.SecureDirectory));
        Copy(publish, Path.Combine(Root, DeploymentLayout.ApplicationDirectory));
        Tree = new LocalFileTree(Root);
        Files = Tree.List().Where(s => s.Kind == FileKind.Regular).Select(s => s.Path).ToList();
        Bytes = Files.Sum(f => new FileInfo(Path.Combine(Root, f)).Length);
        Settings = new DeploymentSealer.SealSettings("1.0.0", 1, 1, 1, TimeProvider.System.GetUtcNow());
        Chain = DeploymentSealer.Seal(Root, OemKey, ApplicationKey, Settings);
    }

    public static SealedDeployment Instance => Shared.Value;

    public string Directory { get; }

    public string Root { get; }

    public LocalFileTree Tree { get; }

    /// <summary>Every sealed file (relative paths).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Their sizes, summed.</summary>
    public long Bytes { get; }

    public EcdsaP256SignatureKey OemKey { get; } = EcdsaP256SignatureKey.Generate();

    public EcdsaP256SignatureKey ApplicationKey { get; } = EcdsaP256SignatureKey.Generate();

    public DeploymentSealer.SealSettings Settings { get; }

    public DeploymentChain Chain { get; }

    public void Dispose()
    {
        OemKey.Dispose();
        ApplicationKey.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string Publish(string output)
    {
        var root = RepositoryRoot.Find();

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", Path.Combine(root, "Firmware", "Firmware.csproj"), "-c", "Release", "-r", "linux-x64", "--self-contained", "true", "-o", output, "--nologo" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"self-contained publish failed:\n{stdout.Result}\n{stderr.Result}");
    }

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in System.IO.Directory.EnumerateDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
