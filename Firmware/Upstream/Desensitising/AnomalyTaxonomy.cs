using System.Text;
using System.Text.RegularExpressions;
using Cti.Sharing;
using V2x.Integrity;

namespace Firmware.Upstream.Desensitising;

/// <summary>
/// The fixed vocabulary an anomaly summary is written in: detector names, anomaly classes derived
/// from the IDF's evidence rules, the graded severity, and the ITU-T X.1371 threat type of each
/// finding (the scope tag ITU-T X.1382 §7.2 and Table 1 route on). Nothing here comes from free text.
/// </summary>
public static partial class AnomalyTaxonomy
{
    /// <summary>The anomaly class used when a rule name does not make a valid class.</summary>
    public const string Unclassified = "unclassified";

    /// <summary>The detector's name on the wire (lower-case words joined by hyphens).</summary>
    public static string DetectorName(DetectorFlags detector) => detector switch
    {
        DetectorFlags.SecurityPolicy => "security-policy",
        DetectorFlags.Memory => "memory",
        DetectorFlags.Network => "network",
        DetectorFlags.Process => "process",
        DetectorFlags.TaskManager => "task-manager",
        DetectorFlags.Crash => "crash",
        DetectorFlags.IntegrityCheck => "integrity-check",
        DetectorFlags.HsmTamper => "hsm-tamper",
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, "not one detector class"),
    };

    /// <summary>
    /// The anomaly class of an evidence rule: "process.unexpected" gives "process-unexpected",
    /// "memory.StackGuard" gives "memory-stack-guard"; anything that is not lower-case words joined by
    /// hyphens afterwards (at most 64 characters) is <see cref="Unclassified"/>.
    /// </summary>
    public static string AnomalyClass(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var sb = new StringBuilder(rule.Length + 8);
        for (var i = 0; i < rule.Length; i++)
        {
            var c = rule[i];
            if (c is '.' or '_' or '-')
            {
                sb.Append('-');
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0 && (char.IsAsciiLetterLower(rule[i - 1]) || char.IsAsciiDigit(rule[i - 1])))
                {
                    sb.Append('-');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        var result = sb.ToString();
        return result.Length <= 64 && ClassRegex().IsMatch(result) ? result : Unclassified;
    }

    /// <summary>The graded result on the wire (patent ¶120-127).</summary>
    public static AnomalySeverity Severity(IntegrityLevel level) => level switch
    {
        IntegrityLevel.Anomaly => AnomalySeverity.Anomaly,
        IntegrityLevel.HighAnomaly => AnomalySeverity.HighAnomaly,
        IntegrityLevel.Compromised => AnomalySeverity.Compromise,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "no anomaly has no severity"),
    };

    /// <summary>
    /// The X.1371 threat type of a finding (ITU-T X.1382 Table 1 rows; Docs/upstream.md has the table):
    /// images, boot, policy and software versions concern update procedures; peers and firewall drops
    /// external connectivity; radio and network throughput communication channels; memory faults,
    /// crashes and unverifiable capabilities potential vulnerabilities; process, security-policy,
    /// task-manager and tamper findings attack targets (vehicle code and keys).
    /// </summary>
    public static X1371ThreatType ThreatType(DetectorFlags detector, string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.StartsWith("capability.", StringComparison.Ordinal))
        {
            return X1371ThreatType.PotentialVulnerabilities;
        }

        return detector switch
        {
            DetectorFlags.IntegrityCheck => X1371ThreatType.UpdateProcedures,
            DetectorFlags.Network when rule == "network.throughput" => X1371ThreatType.CommunicationChannels,
            DetectorFlags.Network => X1371ThreatType.ExternalConnectivity,
            DetectorFlags.Memory or DetectorFlags.Crash => X1371ThreatType.PotentialVulnerabilities,
            _ => X1371ThreatType.AttackTargetsAndMotivations,
        };
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ClassRegex();
}
