using System.Diagnostics;
using Firmware.Host;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Counters;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using Hardware.Security;
using Testing;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Host;

/// <summary>
/// Issue 4, "Done when": the real Firmware executable serving the Unix socket is killed with
/// SIGKILL many times while a client signs; every counter value in every signed message received
/// (decoded from the verified message) appears once, and values keep increasing after each
/// restart (32-bit serial-number order, RFC 1982). The AT key lives in the SoftHSM2 token, so the
/// same pseudonym (and its counter offset) continues across restarts.
/// </summary>
public sealed class SigKillTests : IDisposable
{
    private const int Cycles = 12;
    private readonly string _dir = TestInfra.NewTempDirectory("fw-kill");
    private readonly string _prefix = $"k{Guid.NewGuid():N}"[..12] + "-";

    public void Dispose()
    {
        using (var store = new Pkcs11KeyStore(new Pkcs11KeyStoreOptions { ModulePath = TestInfra.Pkcs11Library, TokenLabel = TestInfra.TokenLabel, UserPin = TestInfra.TokenPin }))
        {
            foreach (var label in store.List().Where(l => l.StartsWith(_prefix, StringComparison.Ordinal)))
            {
                store.Delete(label);
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Counter_never_repeats_and_keeps_increasing_across_sigkill_restarts()
    {
        var oem = Path.Combine(_dir, "oem");
        var flash = Path.Combine(_dir, "obu.bin");
        var socket = Path.Combine(_dir, "sp.sock");
        OemKeyFiles.Create(oem, force: false);
        using (var output = new StringWriter())
        {
            Assert.Equal(0, await FirmwareCli.RunAsync(["flash", "--flash", flash, "--oem-dir", oem, "--create"], output, output, CancellationToken.None));
        }

        var random = new Random(1982);
        var cycles = new List<List<uint>>();
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            using var process = Start(flash, socket);
            var counters = new List<uint>();
            try
            {
                await WaitUntilServingAsync(process);
                await using var client = await SecurePartitionClient.ConnectUnixAsync(socket);
                if (cycle == 0)
                {
                    await TestPki.ProvisionAsync(client);
                }
                else
                {
                    // Every start of the partition needs the application's announcement before it signs.
                    await client.AnnounceStartAsync("sigkill test");
                }

                var killAfter = random.Next(5, 60);
                var killed = false;
                while (true)
                {
                    SignedMessage signed;
                    try
                    {
                        signed = await client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest));
                    }
                    catch (ProtocolException) when (killed)
                    {
                        break;
                    }

                    var report = TestPki.Open(signed.Spdu).Report!;
                    Assert.Equal(signed.MessageCounter, report.MessageCounter);
                    counters.Add(report.MessageCounter);
                    if (counters.Count == killAfter)
                    {
                        // SIGKILL while the next request is on its way (Process.Kill sends SIGKILL on Unix).
                        _ = Task.Run(() => process.Kill());
                        killed = true;
                    }
                }
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                await process.WaitForExitAsync();
            }

            cycles.Add(counters);
        }

        var all = cycles.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        for (var i = 1; i < all.Count; i++)
        {
            Assert.True(Firmware.Application.Replay.SerialNumber.IsLess(all[i - 1], all[i]), $"counter {all[i]} does not follow {all[i - 1]} (message {i})");
        }

        Assert.All(cycles, c => Assert.True(c.Count >= 5));
    }

    private Process Start(string flash, string socket)
    {
        var dll = TestInfra.ProjectExecutable("Firmware");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            dll, "secure-partition", "--flash", flash, "--socket", socket, "--keystore", "Pkcs11", "--key-prefix", _prefix,
            "--KeyStore:Module", TestInfra.Pkcs11Library, "--KeyStore:Token", TestInfra.TokenLabel, "--KeyStore:Pin", TestInfra.TokenPin,
            "--Counter:BlockSize", "16",
        })
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static async Task WaitUntilServingAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = new System.Text.StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("\"Serving ", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return;
            }

            stdout.AppendLine(line);
        }

        throw new InvalidOperationException(
            $"The secure partition exited before serving.\nstdout:\n{stdout}\nstderr:\n{await stderr}");
    }
}
