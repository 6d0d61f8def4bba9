using System.Collections;
using Firmware.Nano.Board;
using Firmware.Nano.Integrity;

namespace Firmware.Nano.Detection;

/// <summary>
/// Crash detection from the reset reason (patent ¶101; ESP-IDF <c>esp_reset_reason</c>): a start after a
/// panic or a watchdog reset is an anomaly, after a brown-out too (a supply dip, or the voltage glitch of a
/// fault-injection attack); <see cref="Policy.McuPolicy.CrashResetsForHigh"/> crash resets in a row (NVS
/// <see cref="RunKey"/>, cleared by a power-on or a requested restart) make a high anomaly. The reset reason
/// does not change while the chip runs: it is evaluated once per start.
/// </summary>
public sealed class CrashDetector : IDetector
{
    /// <summary>NVS key of the crash resets in a row (one octet).</summary>
    public const string RunKey = "crash.run";

    private DetectorResult _result;

    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.Crash;

    /// <inheritdoc />
    public DetectorResult Run(McuBoard board, Policy.McuPolicy policy)
    {
        if (_result != null)
        {
            return _result;
        }

        if (board.Reset == null || board.Nvs == null)
        {
            return DetectorResult.Unavailable(Detector, (policy.RequiredDetectors & Detector) != 0, "reset reason");
        }

        var reason = board.Reset.LastReset;
        var stored = board.Nvs.Read(RunKey);
        var run = stored != null && stored.Length == 1 ? stored[0] : 0;
        var findings = new ArrayList();
        var code = CrashCode(reason);
        if (code != null)
        {
            run = run < 255 ? run + 1 : 255;
            var level = run >= policy.CrashResetsForHigh ? IntegrityLevel.HighAnomaly : IntegrityLevel.Anomaly;
            findings.Add(new Finding(code, "chip", level, "started after a " + code.Substring(6) + " reset (" + run + " in a row)"));
        }
        else if (reason == ResetReason.PowerOn || reason == ResetReason.Software)
        {
            run = 0;
        }

        board.Nvs.Write(RunKey, new[] { (byte)run });
        _result = DetectorResult.From(Detector, DetectorStatus.Checked, findings);
        return _result;
    }

    private static string CrashCode(ResetReason reason)
    {
        switch (reason)
        {
            case ResetReason.Panic:
                return "crash.panic";
            case ResetReason.InterruptWatchdog:
            case ResetReason.TaskWatchdog:
            case ResetReason.OtherWatchdog:
                return "crash.watchdog";
            case ResetReason.Brownout:
                return "crash.brownout";
            default:
                return null;
        }
    }
}
