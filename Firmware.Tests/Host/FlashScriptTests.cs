using System.Diagnostics;
using System.Reflection;
using System.Xml.Linq;
using Testing;

namespace Firmware.Tests.Host;

/// <summary>
/// Runs the Pester tests of flash.ps1 (Host/FlashScript.Tests.ps1) with PowerShell 7.6.10 from the repository's
/// dotnet tool manifest (`dotnet tool restore`, done by scripts/setup.sh) and Pester 6.2.0 restored from NuGet by
/// this project (PackageDownload), and asserts every Pester test passed. Without the tool or the module the test
/// fails and says which is missing.
/// </summary>
public sealed class FlashScriptTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task Pester_tests_of_flash_ps1_pass()
    {
        var pester = typeof(FlashScriptTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PesterModule").Value!;
        Assert.True(File.Exists(pester), $"Pester 6.2.0 is not restored at {pester}: run dotnet restore on Firmware.Tests.");
        _ = TestInfra.ProjectExecutable("Firmware");
        var dir = TestInfra.NewTempDirectory("pester");
        try
        {
            var results = Path.Combine(dir, "pester.xml");
            var tests = Path.Combine(TestInfra.RepoRoot, "Firmware.Tests", "Host", "FlashScript.Tests.ps1");
            var command = $"$ErrorActionPreference = 'Stop'; Import-Module '{pester}'; $c = New-PesterConfiguration; $c.Run.Path = '{tests}'; " +
                $"$c.Run.Exit = $true; $c.TestResult.Enabled = $true; $c.TestResult.OutputFormat = 'NUnitXml'; $c.TestResult.OutputPath = '{results}'; " +
                "$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration $c";
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = TestInfra.RepoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", command })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["V2X_FLASH_CONFIGURATION"] = Configuration;
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout + await stderr;
            Assert.True(process.ExitCode == 0, $"dotnet pwsh (Pester) exited {process.ExitCode}:\n{output}");

            var cases = XDocument.Load(results).Descendants("test-case").ToList();
            Assert.True(cases.Count >= 9, $"{cases.Count} Pester tests ran:\n{output}");
            var failed = cases.Where(c => (string?)c.Attribute("result") != "Success").Select(c => (string?)c.Attribute("name")).ToList();
            Assert.True(failed.Count == 0, $"failed: {string.Join("; ", failed)}\n{output}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
