using Hardware.Reset;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Crashes (patent ¶101): a start after a panic, watchdog or brownout reset, and every crash-log
/// entry (an early or unexpected termination) since the last one seen are anomalies. The cursor
/// persists, so an old crash is reported once, not at every start.
/// </summary>
public sealed class CrashDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.Crash;

    /// <inheritdoc />
    public DetectorResult Run(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reset = context.Board.Reset;
        if (reset is null)
        {
            return DetectorResult.Unavailable(Detector, context.Requires(Detector), "reset reason and crash log");
        }

        var evidence = new List<Evidence>();
        if (!context.Cursors.ResetReasonReported)
        {
            context.Cursors.ResetReasonReported = true;
            if (reset.LastResetReason is ResetReason.Panic or ResetReason.Watchdog or ResetReason.Brownout)
            {
                evidence.Add(new Evidence("crash.reset", "board", IntegrityLevel.Anomaly, $"started after a {reset.LastResetReason} reset"));
            }
        }

        foreach (var c in reset.ReadCrashLog(context.Cursors.Crash))
        {
            context.Cursors.Crash = Math.Max(context.Cursors.Crash, c.Sequence);
            evidence.Add(new Evidence("crash.termination", c.Task, IntegrityLevel.Anomaly, $"{c.Task} terminated ({c.Reason}) {c.Detail}".TrimEnd()));
        }

        return DetectorResult.From(Detector, DetectorStatus.Checked, evidence);
    }
}
