using Firmware.SecurePartition.Policy;
using Hardware.Storage;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Applies the deployed indicator deny rules (ITU-T X.1382 §9.3.1.4 c) to what one scan sees and
/// returns extra evidence for the detector class each rule belongs to. Rules only add findings:
/// <list type="bullet">
/// <item>image hash: a measured boot stage, or an image re-measured by this scan, with that SHA-256
/// is a compromise (integrity detector; subject <c>label:sha256hex</c>);</item>
/// <item>process name: a running process of that name is a high anomaly (process detector);</item>
/// <item>peer: a current peer inside the block (and port) is a high anomaly (network detector);</item>
/// <item>software version: an installed component of that name and version is a high anomaly
/// (integrity detector; subject <c>name@version</c>).</item>
/// </list>
/// A rule record that could not be read is an integrity anomaly until it is rewritten.
/// </summary>
public static class IndicatorMatcher
{
    /// <summary>Evidence rule of an image-hash match.</summary>
    public const string ImageHashRule = "indicator.image-hash";

    /// <summary>Evidence rule of a process-name match.</summary>
    public const string ProcessRule = "indicator.process";

    /// <summary>Evidence rule of a peer match.</summary>
    public const string PeerRule = "indicator.peer";

    /// <summary>Evidence rule of a software-version match.</summary>
    public const string SoftwareRule = "indicator.software";

    /// <summary>Evidence rule of an unreadable rule record.</summary>
    public const string UnreadableRule = "indicator.rules-unreadable";

    /// <summary>The findings of <paramref name="active"/> in this scan, each with its detector class.</summary>
    public static IReadOnlyList<(DetectorFlags Detector, Evidence Evidence)> Match(ScanContext context, IReadOnlyList<IndicatorEntry> active, string? storeProblem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(active);
        var found = new List<(DetectorFlags, Evidence)>();
        if (storeProblem is not null)
        {
            found.Add((DetectorFlags.IntegrityCheck, new Evidence(UnreadableRule, "indicator rules", IntegrityLevel.Anomaly, storeProblem)));
        }

        if (active.Count == 0)
        {
            return found;
        }

        var seen = new HashSet<(string, string)>();
        void Add(DetectorFlags detector, Evidence e)
        {
            if (seen.Add((e.Rule, e.Subject)))
            {
                found.Add((detector, e));
            }
        }

        foreach (var entry in active)
        {
            foreach (var rule in entry.Rules)
            {
                switch (rule.Kind)
                {
                    case IndicatorRuleKind.ImageHash:
                        foreach (var (label, hash) in Images(context).Where(i => i.Sha256 == rule.Value))
                        {
                            Add(DetectorFlags.IntegrityCheck, new Evidence(ImageHashRule, label + ":" + hash, IntegrityLevel.Compromised,
                                $"image {label} has SHA-256 {hash}, a known malicious image ({entry.StixId})"));
                        }

                        break;
                    case IndicatorRuleKind.ProcessName:
                        foreach (var p in Read(context, c => c.Processes?.Processes, DetectorFlags.Process, found).Where(p => p.Name == rule.Value))
                        {
                            Add(DetectorFlags.Process, new Evidence(ProcessRule, p.Name, IntegrityLevel.HighAnomaly,
                                $"process {p.Name} (pid {p.Pid}) is a known malicious process ({entry.StixId})"));
                        }

                        break;
                    case IndicatorRuleKind.Peer:
                        foreach (var peer in Read(context, c => c.Board.NetworkPeers?.Read(), DetectorFlags.Network, found).Where(p => rule.MatchesPeer(p.Remote)))
                        {
                            Add(DetectorFlags.Network, new Evidence(PeerRule, peer.Remote.ToString(), IntegrityLevel.HighAnomaly,
                                $"{peer.Protocol} peer {peer.Remote} is a known malicious peer ({entry.StixId})"));
                        }

                        break;
                    default:
                        foreach (var c in Read(context, c => c.Board.SoftwareInventory?.Read(), DetectorFlags.IntegrityCheck, found)
                                     .Where(c => c.Name == rule.Value && c.Version == rule.Version))
                        {
                            Add(DetectorFlags.IntegrityCheck, new Evidence(SoftwareRule, c.Name + "@" + c.Version, IntegrityLevel.HighAnomaly,
                                $"{c.Name} {c.Version} is a known malicious software version ({entry.StixId})"));
                        }

                        break;
                }
            }
        }

        return found;
    }

    private static IEnumerable<(string Label, string Sha256)> Images(ScanContext context)
    {
        foreach (var stage in context.Boot.Stages.Where(s => s.Sha256.Length == 32))
        {
            yield return (stage.Label, Convert.ToHexStringLower(stage.Sha256));
        }

        foreach (var (label, hash) in context.MeasuredImages)
        {
            yield return (label, Convert.ToHexStringLower(hash));
        }
    }

    // A capability that fails to read gives no match and an anomaly: "cannot be checked" is never clean.
    private static IReadOnlyList<T> Read<T>(ScanContext context, Func<ScanContext, IReadOnlyList<T>?> read, DetectorFlags detector, List<(DetectorFlags, Evidence)> found)
    {
        try
        {
            return read(context) ?? [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StorageException or InvalidOperationException or FormatException)
        {
            found.Add((detector, new Evidence("capability.error", detector.ToString(), IntegrityLevel.Anomaly, $"reading the board for indicator rules failed: {e.Message}")));
            return [];
        }
    }
}
