using System.Globalization;
using Firmware.SecurePartition.Policy;
using Hardware.Linux;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// `learn --out FILE [--seconds N] [--interval-ms M] [--policy-version N] [--firewall-table "FAMILY NAME"]
/// [--keystore Pkcs11 ...] [--flash IMAGE]`: observes this Linux system, assumed known-good, for Learn:Seconds
/// (default 60), one sample every Learn:IntervalMs (default 1000), and writes a candidate detection policy
/// (<see cref="PolicyLearner"/>) as reviewable JSON (<see cref="PolicyJson"/>) to Output:File, with notes for
/// the reviewer. It reads the machine like the Linux board (run it where and as the secure partition will
/// run: the process events and the firewall need CAP_NET_ADMIN, others' mappings CAP_SYS_PTRACE) and stores
/// nothing. The OEM reviews the file and signs it with `policy sign`.
/// </summary>
public static class LearnCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var file = Settings.Require(configuration, "Output:Path");
        var seconds = Settings.UInt(configuration, "Learn:Seconds", 60);
        var intervalMs = Math.Max(1, Settings.UInt(configuration, "Learn:IntervalMs", 1000));
        var version = Settings.UInt(configuration, "Image:PolicyVersion", 1);
        // The board keeps a few records (sequence epochs) while it observes: in a scratch directory, deleted after.
        var scratch = Path.Combine(Path.GetTempPath(), $"obu-learn-{Guid.NewGuid():N}");
        var keyStore = HostedBoard.OpenKeyStore(configuration);
        try
        {
            using var board = new LinuxBoard(new LinuxBoardOptions
            {
                Time = TimeProvider.System,
                StorageDirectory = scratch,
                FlashImagePath = configuration["Board:FlashImage"],
                KeyStore = keyStore,
                FirewallTable = configuration["Firewall:Table"],
                FirewallNamespace = configuration["Firewall:Namespace"],
            });
            var learner = new PolicyLearner(board.Capabilities);
            var end = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(seconds);
            do
            {
                learner.Sample();
                if (TimeProvider.System.GetUtcNow() >= end)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(intervalMs), TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            while (true);

            var (policy, notes) = learner.Candidate(version);
            if (board.ProcessEventsProblem is { } problem)
            {
                notes = [.. notes, "Process events: " + problem];
            }

            await File.WriteAllTextAsync(file, PolicyJson.Write(policy, notes), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Candidate policy {version} from {learner.Samples} samples written to {file}: {policy.ExpectedProcesses.Count} expected processes, {policy.ToleratedProcesses.Count} tolerated, {policy.AllowedCapabilities.Count} capability rules, {policy.AllowedPeers.Count} peers, {policy.Throughput.Count} bands, {policy.FirewallRules.Count} firewall rules. Review it, then sign it with `policy sign`.")).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            (keyStore as IDisposable)?.Dispose();
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
