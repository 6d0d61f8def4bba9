using System.Collections;
using Firmware.Nano.Integrity;

namespace Firmware.Nano.Detection;

/// <summary>
/// Process (patent ¶99-100): the FreeRTOS task list against the policy: an expected task that is not running
/// is an anomaly; a task neither expected nor tolerated, when the policy asks, is a high anomaly (code that
/// started a task of its own).
/// </summary>
public sealed class ProcessDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.Process;

    /// <inheritdoc />
    public DetectorResult Run(McuBoard board, Policy.McuPolicy policy)
    {
        if (board.Tasks == null)
        {
            return DetectorResult.Unavailable(Detector, (policy.RequiredDetectors & Detector) != 0, "task list");
        }

        var tasks = board.Tasks.Snapshot();
        var findings = new ArrayList();
        foreach (var expected in policy.ExpectedTasks)
        {
            var found = false;
            foreach (var t in tasks)
            {
                if (t.Name == expected)
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                findings.Add(new Finding("process.missing", expected, IntegrityLevel.Anomaly, "expected task " + expected + " is not running"));
            }
        }

        if (policy.ReportUnexpectedTasks)
        {
            foreach (var t in tasks)
            {
                if (!policy.Knows(t.Name))
                {
                    findings.Add(new Finding("process.unexpected", t.Name, IntegrityLevel.HighAnomaly, "unexpected task " + t.Name));
                }
            }
        }

        return DetectorResult.From(Detector, DetectorStatus.Checked, findings);
    }
}
