using Firmware.SecurePartition.Detection;
using V2x.Integrity;
using V2x.Security;

namespace Firmware.SecurePartition.Policy;

/// <summary>
/// The OEM-signed detection policy: which detectors the board must be able to run, the rules and
/// thresholds of each (patent ¶95-104, ¶126), the scan period and how transient latches age.
/// Encoded by <see cref="PolicyCodec"/> inside an <see cref="Boot.OemDocument"/>.
/// </summary>
public sealed record DetectionPolicy
{
    /// <summary>Monotonic policy version.</summary>
    public required uint PolicyVersion { get; init; }

    /// <summary>
    /// Detectors the board must be able to run. A required detector whose capability is missing
    /// reports an anomaly ("cannot be checked", never clean); others report "not checked".
    /// </summary>
    public required DetectorFlags RequiredDetectors { get; init; }

    /// <summary>Period of the full scan timer (patent ¶114: periodically on a timer).</summary>
    public required TimeSpan ScanPeriod { get; init; }

    /// <summary>Shortest time a transient latch holds after its last detection.</summary>
    public required TimeSpan LatchHoldTime { get; init; }

    /// <summary>Consecutive clean periodic full scans that clear a transient latch (after the hold time).</summary>
    public required int CleanScansToClear { get; init; }

    /// <summary>Whether a process not in <see cref="ExpectedProcesses"/> is an anomaly (an embedded board: yes; a general-purpose Linux host: no).</summary>
    public required bool ReportUnexpectedProcesses { get; init; }

    /// <summary>Processes that must run, with user, privilege and CPU range.</summary>
    public required IReadOnlyList<ExpectedProcess> ExpectedProcesses { get; init; }

    /// <summary>Process names tolerated besides the expected ones (not required to run).</summary>
    public IReadOnlyList<string> ToleratedProcesses { get; init; } = [];

    /// <summary>IPC attachments allowed (process, channel); any other is a security-policy anomaly.</summary>
    public required IReadOnlyList<PolicyRule> AllowedIpc { get; init; }

    /// <summary>Privileged capability uses allowed (process, capability); any other is a high anomaly.</summary>
    public required IReadOnlyList<PolicyRule> AllowedCapabilities { get; init; }

    /// <summary>Throughput bands per interface; interfaces not listed are not rated.</summary>
    public required IReadOnlyList<ThroughputBand> Throughput { get; init; }

    /// <summary>Whether current peers are checked against <see cref="AllowedPeers"/>.</summary>
    public required bool CheckPeers { get; init; }

    /// <summary>Peers allowed.</summary>
    public required IReadOnlyList<AllowedPeer> AllowedPeers { get; init; }

    /// <summary>
    /// Names of the firewall's drop rules whose packet counters are rated like the firewall log's drops
    /// (Linux: the comments of nftables rules with a counter); a named rule that is gone is a high anomaly.
    /// </summary>
    public IReadOnlyList<string> FirewallRules { get; init; } = [];

    /// <summary>Firewall drops per scan from which it is an anomaly.</summary>
    public required int FirewallDropsAnomaly { get; init; }

    /// <summary>Firewall drops per scan from which it is a high anomaly.</summary>
    public required int FirewallDropsHigh { get; init; }

    /// <summary>Used heap fraction from which it is an anomaly (ranged, ¶126).</summary>
    public required double HeapAnomalyFraction { get; init; }

    /// <summary>Used heap fraction from which it is a high anomaly.</summary>
    public required double HeapHighFraction { get; init; }

    /// <summary>
    /// The sending option (patent ¶115-119). It lives here, in the OEM-signed policy, because the partition
    /// decides from it whether the report travels: a compromised application can neither pick nor change it.
    /// Default option 2 (always include).
    /// </summary>
    public SendingPolicy SendingOption { get; init; } = SendingPolicy.AlwaysInclude;

    /// <summary>
    /// Safety-critical PSIDs: under option 3 their messages carry the report. DENM is safety-critical whatever
    /// this lists (the partition adds it). Default: DENM.
    /// </summary>
    public IReadOnlyList<Psid> SafetyCriticalPsids { get; init; } = [Psid.Denm];

    /// <summary>Throws <see cref="ArgumentException"/> when a threshold is out of order or range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string what)
        {
            if (!ok)
            {
                throw new ArgumentException($"Policy: {what}.");
            }
        }

        Check(ScanPeriod >= TimeSpan.FromMilliseconds(100) && ScanPeriod <= TimeSpan.FromDays(1), "scan period between 100 ms and 1 day");
        Check(LatchHoldTime >= TimeSpan.Zero && LatchHoldTime <= TimeSpan.FromDays(30), "latch hold time between 0 and 30 days");
        Check(CleanScansToClear is >= 1 and <= 1000, "clean scans to clear between 1 and 1000");
        Check(FirewallDropsAnomaly >= 1 && FirewallDropsHigh >= FirewallDropsAnomaly, "firewall thresholds 1 <= anomaly <= high");
        Check(HeapAnomalyFraction is > 0 and <= 1 && HeapHighFraction >= HeapAnomalyFraction && HeapHighFraction <= 1, "heap fractions 0 < anomaly <= high <= 1");
        foreach (var p in ExpectedProcesses)
        {
            Check(p.Name.Length > 0 && p.CpuMin >= 0 && p.CpuMax >= p.CpuMin && p.CpuMax <= 64, $"process {p.Name}: 0 <= cpu min <= max <= 64");
            Check(p.MinimumSeccompMode is >= 0 and <= 2, $"process {p.Name}: seccomp mode 0, 1 or 2");
        }

        foreach (var t in Throughput)
        {
            Check(t.AnomalyBytesPerSecond > 0 && t.HighAnomalyBytesPerSecond >= t.AnomalyBytesPerSecond, $"interface {t.Interface}: 0 < x <= y");
        }

        Check((RequiredDetectors & ~Detectors.All) == 0, "required detectors are known ones");
        Check(Enum.IsDefined(SendingOption), "sending option 1, 2 or 3");
        Check(FirewallRules.All(r => r.Length is > 0 and <= 128), "firewall rule names of 1 to 128 characters");
        Check(new[] { ExpectedProcesses.Count, ToleratedProcesses.Count, AllowedIpc.Count, AllowedCapabilities.Count, Throughput.Count, AllowedPeers.Count, FirewallRules.Count }
            .All(n => n <= PolicyCodec.MaxItems), $"at most {PolicyCodec.MaxItems} entries per list");
    }
}
