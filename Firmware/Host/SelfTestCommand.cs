using System.Diagnostics;
using System.Globalization;
using Firmware.SecurePartition;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Keys;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Hardware.Boards;
using Hardware.Simulated;
using Microsoft.Extensions.Configuration;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;

namespace Firmware.Host;

/// <summary>
/// `self-test`: checks an installed build on its target (the arm64 package runs it under qemu-aarch64-static): the
/// crypto (a P-256 key, an OEM-signed image set and policy, measured boot of a simulated board in a temporary
/// folder), and the partition protocol over a real Unix socket (hello, the canonical key, the application's start
/// announced (patent ¶114), a request signed inside
/// the partition and verified here with that key, IEEE 1609.2 self-signed). With Deployment:Root (the package's
/// /etc/obu/partition.json), first the sealed deployment against the ROM of Rom:File (<see cref="SelfTestDeployment"/>).
/// Prints "self-test OK ..." (and "deployment verified: ...") and exits 0, or names the step that failed (the
/// deployment's findings, each with its rule and file) and exits 1. Touches nothing outside its temporary folder.
/// </summary>
public static class SelfTestCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var deployment = SelfTestDeployment.Settings(configuration);
        var watch = Stopwatch.StartNew();
        var folder = Path.Combine(Path.GetTempPath(), "obu-self-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var step = "OEM key";
        string? verified = null;
        try
        {
            if (deployment is { } sealedDeployment)
            {
                step = $"sealed deployment {sealedDeployment.Root} with the ROM {sealedDeployment.Rom}";
                verified = await SelfTestDeployment.VerifyAsync(configuration, sealedDeployment, folder, output).ConfigureAwait(false);
                if (verified is null)
                {
                    return 1;
                }

                step = "OEM key";
            }

            using var oem = EcdsaP256SignatureKey.Generate();
            step = "simulated board and signed image set";
            using var board = SimulatedBoard.Create(Path.Combine(folder, "flash.bin"), ObuBoards.ObuSmall, new SimulatedBoardOptions { Time = TimeProvider.System });
            FirmwareImageSet.Build(board.FlashImage.Partitions, SimulatedBoard.ReferenceVersion, SimulatedBoard.ReferenceSecureVersion,
                SimulatedBoard.ReferenceSecureVersion, 1, DefaultPolicies.SimulatedObu(), oem, TimeProvider.System.GetUtcNow()).WriteTo(board.FlashImage, board.Store);
            step = "measured boot of the secure partition";
            using var partition = new SecurePartitionService(new SecurePartitionOptions
            {
                Board = board.Capabilities,
                Rom = new BootRom(oem.PublicKey),
                BlackBox = new FlashBlackBoxMedium(board.FlashImage),
                PeriodicScans = false,
            });
            step = "partition protocol on a Unix socket";
            var socket = Path.Combine(folder, "partition.sock");
            var server = new UnixSocketServer(socket, new ProtocolServer(partition));
            await using (server.ConfigureAwait(false))
            {
                server.Start();
                var client = await SecurePartitionClient.ConnectUnixAsync(socket, cancellationToken).ConfigureAwait(false);
                await using (client.ConfigureAwait(false))
                {
                    var (version, _, name) = await client.HelloAsync(cancellationToken).ConfigureAwait(false);
                    step = "canonical key";
                    var canonical = BootRom.DecodeKey(await client.GetCanonicalKeyAsync(cancellationToken).ConfigureAwait(false));
                    step = "announcing the application's start";
                    await client.AnnounceStartAsync("self-test", cancellationToken).ConfigureAwait(false);
                    step = "signing inside the partition";
                    var spdu = await client.SignProvisioningRequestAsync(KeyRole.Canonical, 0, PkiProtocol.Messages.PkiPsids.CertificateRequest, SignerChoice.Self,
                        "obu self-test"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                    step = "verifying the signature";
                    var signed = Ieee1609Dot2Data.Decode(spdu).SignedData ?? throw new InvalidDataException("the partition returned no signed data");
                    SpduVerifier.VerifySelfSigned(signed, canonical);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"self-test OK: {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}, board {name}, protocol {version}, P-256 boot chain and a 1609.2 signature from the partition verified, {watch.ElapsedMilliseconds} ms")).ConfigureAwait(false);
                    if (verified is not null)
                    {
                        await output.WriteLineAsync(verified).ConfigureAwait(false);
                    }

                    return 0;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await output.WriteLineAsync($"self-test FAILED at {step}: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
