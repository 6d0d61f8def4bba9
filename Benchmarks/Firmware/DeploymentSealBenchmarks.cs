using System.Diagnostics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Firmware.Deployment;
using Firmware.SecurePartition.Boot;

namespace Benchmarks.Firmware;

/// <summary>
/// Issue 11: sealing and measuring a real self-contained deployment (<see cref="SealedDeployment"/>:
/// the Firmware publish with the .NET runtime, in secure/ and app/) against .NET's SHA-256 of the same
/// bytes in memory in the same run (target: at least 0.80 of its bytes per second), with
/// `openssl dgst -sha256` of the same files beside it. MeasureStampsOnly is the runtime re-measurement
/// between full re-hashes: statx of every file, nothing hashed when no stamp moved. Run without
/// --inProcess and --job (the config brings its in-process ShortRun job with a one-hour timeout):
/// <c>dotnet run -c Release --project Benchmarks -- --filter '*DeploymentSealBenchmarks*'</c>.
/// </summary>
[Config(typeof(Config))]
public class DeploymentSealBenchmarks
{
    private SealedDeployment _deployment = null!;
    private byte[][] _bytes = [];
    private DeploymentMeasurer _measurer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _deployment = SealedDeployment.Instance;
        _bytes = _deployment.Files.Select(f => File.ReadAllBytes(Path.Combine(_deployment.Root, f))).ToArray();
        _measurer = new DeploymentMeasurer(_deployment.Tree, _deployment.Chain, null, new DeploymentCheckOptions());
        _ = _measurer.Measure(MeasureScope.Full, TimeProvider.System.GetUtcNow());
    }

    [Benchmark(Baseline = true)]
    public int DotNetSha256OfTheSameBytes()
    {
        var n = 0;
        foreach (var b in _bytes)
        {
            n += SHA256.HashData(b)[0];
        }

        return n;
    }

    [Benchmark]
    public string OpensslDgstSha256()
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = _deployment.Root };
        info.ArgumentList.Add("dgst");
        info.ArgumentList.Add("-sha256");
        foreach (var f in _deployment.Files)
        {
            info.ArgumentList.Add(f);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    [Benchmark]
    public DeploymentChain SealDeployment() =>
        DeploymentSealer.Build(_deployment.Tree, _deployment.OemKey, _deployment.ApplicationKey, _deployment.Settings);

    [Benchmark]
    public DeploymentMeasurement MeasureFullRehash() => _measurer.Measure(MeasureScope.Full, TimeProvider.System.GetUtcNow());

    [Benchmark]
    public DeploymentMeasurement MeasureStampsOnly() => _measurer.Measure(MeasureScope.Stamps, TimeProvider.System.GetUtcNow());

    // In-process (BenchmarkDotNet's generated project does not build within its timeout on the shared
    // machine), with a timeout long enough for the self-contained publish in the first global setup.
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithIterationCount(15).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)));
            AddColumn(new SealThroughputColumn());
        }
    }
}
