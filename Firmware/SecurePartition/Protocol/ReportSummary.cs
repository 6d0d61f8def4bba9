using Firmware.SecurePartition.Reports;
using V2x.Integrity;

namespace Firmware.SecurePartition.Protocol;

/// <summary>The answer to get-report or trigger-check.</summary>
/// <param name="Level">Effective level.</param>
/// <param name="Detectors">Effective detector bitmap.</param>
/// <param name="Time">When the scan ran.</param>
/// <param name="Detailed">The detailed report, when asked for.</param>
public sealed record ReportSummary(IntegrityLevel Level, DetectorFlags Detectors, DateTimeOffset Time, DetailedReport? Detailed);
