using System.Net;
using Firmware.SecurePartition.Detection;
using Hardware.Simulated;

namespace Firmware.SecurePartition.Policy;

/// <summary>The bench OEM's policies: what `flash` signs for the simulated board, and a starting point for a Linux host.</summary>
public static class DefaultPolicies
{
    /// <summary>
    /// The simulated OBU: the processes <see cref="SimulatedBoard.ExpectedProcesses"/> starts, each
    /// allowed CPU from 0 to the larger of 0.1 and three times its normal use; radio0 rated
    /// x = 64 KiB/s, y = 1 MiB/s; eth0 x = 256 KiB/s, y = 4 MiB/s; can0 x = 32 KiB/s, y = 256 KiB/s;
    /// peers only in 198.51.100.0/24 (the bench back end, RFC 5737 documentation range); firewall
    /// anomaly from 10 drops per scan, high from 100; heap anomaly from 75 %, high from 90 %.
    /// </summary>
    public static DetectionPolicy SimulatedObu(uint version = 1) => new()
    {
        PolicyVersion = version,
        RequiredDetectors = Detectors.All,
        ScanPeriod = TimeSpan.FromSeconds(10),
        LatchHoldTime = TimeSpan.FromSeconds(60),
        CleanScansToClear = 3,
        ReportUnexpectedProcesses = true,
        ExpectedProcesses = SimulatedBoard.ExpectedProcesses
            .Select(p => new ExpectedProcess(p.Name, p.Path, p.User, p.Uid, p.Uid == 0, 0, Math.Max(0.1, 3 * p.CpuUse)))
            .ToList(),
        AllowedIpc =
        [
            new("v2x-app", "idf.sock"), new("v2x-app", "gnss"), new("gnssd", "gnss"), new("can-gw", "can0"), new("v2x-app", "can0"),
        ],
        AllowedCapabilities = [new("init", "CAP_SYS_ADMIN"), new("secure-os", "CAP_SYS_RAWIO")],
        Throughput =
        [
            new("radio0", 64 * 1024, 1024 * 1024),
            new("eth0", 256 * 1024, 4 * 1024 * 1024),
            new("can0", 32 * 1024, 256 * 1024),
        ],
        CheckPeers = true,
        AllowedPeers = [new(IPAddress.Parse("198.51.100.0"), 24, 0)],
        FirewallDropsAnomaly = 10,
        FirewallDropsHigh = 100,
        HeapAnomalyFraction = 0.75,
        HeapHighFraction = 0.9,
    };

    /// <summary>
    /// The strict built-in policy used when the stored one does not verify (fail closed): every
    /// detector required, nothing allowed (any IPC attachment or capability use is reported), no
    /// throughput bands or peer list to judge by, latches held a day and 1000 clean scans.
    /// The integrity detector reports the refused policy as a compromise on top.
    /// </summary>
    public static DetectionPolicy FailClosed() => new()
    {
        PolicyVersion = 0,
        RequiredDetectors = Detectors.All,
        ScanPeriod = TimeSpan.FromSeconds(10),
        LatchHoldTime = TimeSpan.FromDays(1),
        CleanScansToClear = 1000,
        ReportUnexpectedProcesses = false,
        ExpectedProcesses = [],
        AllowedIpc = [],
        AllowedCapabilities = [],
        Throughput = [],
        CheckPeers = false,
        AllowedPeers = [],
        FirewallDropsAnomaly = 1,
        FirewallDropsHigh = 10,
        HeapAnomalyFraction = 0.75,
        HeapHighFraction = 0.9,
    };

    /// <summary>
    /// A starting point for a Linux-class OBU, not a policy for a vehicle: every detector class the Linux
    /// board can feed is required (all but the integrity check, which needs images or sealed manifests),
    /// but no process, band, peer or firewall rule is named, so the process, task-manager, security-policy,
    /// crash and network detectors have nothing to check: they report "not configured", stay out of the
    /// report's coverage, and receivers never act fully on a "no anomaly" under this policy
    /// (Docs/trust-decisions.md, row 10). A vehicle's policy comes from `Firmware learn` on a known-good
    /// system, reviewed and signed by the OEM (`flash --policy-file`).
    /// </summary>
    public static DetectionPolicy LinuxHost(uint version = 1) => FailClosed() with
    {
        PolicyVersion = version,
        RequiredDetectors = Detectors.All & ~V2x.Integrity.DetectorFlags.IntegrityCheck,
        LatchHoldTime = TimeSpan.FromSeconds(60),
        CleanScansToClear = 3,
        FirewallDropsAnomaly = 10,
        FirewallDropsHigh = 100,
    };
}
