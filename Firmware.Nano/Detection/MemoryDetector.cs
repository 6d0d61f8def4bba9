using System.Collections;
using Firmware.Nano.Integrity;

namespace Firmware.Nano.Detection;

/// <summary>
/// Memory (patent ¶98): the heap's low-water mark and every task's stack high-water mark against the policy's
/// bands: below the anomaly band an anomaly, below the high band a high anomaly (a stack nearly overrun is
/// what an overflow exploit or a runaway recursion leaves). Heap and stack are read separately: without one
/// of them the check is partial.
/// </summary>
public sealed class MemoryDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.Memory;

    /// <inheritdoc />
    public DetectorResult Run(McuBoard board, Policy.McuPolicy policy)
    {
        if (board.Memory == null && board.Tasks == null)
        {
            return DetectorResult.Unavailable(Detector, (policy.RequiredDetectors & Detector) != 0, "heap and stack figures");
        }

        var findings = new ArrayList();
        var status = DetectorStatus.Checked;
        if (board.Memory == null)
        {
            status = DetectorStatus.Partial;
        }
        else
        {
            var low = board.Memory.MinimumFreeHeapBytes;
            var level = Band(low, policy.HeapAnomalyBelowBytes, policy.HeapHighBelowBytes);
            if (level != IntegrityLevel.NoAnomaly)
            {
                findings.Add(new Finding("memory.heap", "heap", level,
                    "heap low-water mark " + low + " bytes of " + board.Memory.TotalHeapBytes + " (bands " + policy.HeapAnomalyBelowBytes + " / " + policy.HeapHighBelowBytes + ")"));
            }
        }

        if (board.Tasks == null)
        {
            status = DetectorStatus.Partial;
        }
        else
        {
            foreach (var task in board.Tasks.Snapshot())
            {
                var level = Band(task.StackHighWaterMarkBytes, policy.StackAnomalyBelowBytes, policy.StackHighBelowBytes);
                if (level != IntegrityLevel.NoAnomaly)
                {
                    findings.Add(new Finding("memory.stack", task.Name, level,
                        "task " + task.Name + " had " + task.StackHighWaterMarkBytes + " bytes of stack left (bands " + policy.StackAnomalyBelowBytes + " / " + policy.StackHighBelowBytes + ")"));
                }
            }
        }

        return DetectorResult.From(Detector, status, findings);
    }

    private static IntegrityLevel Band(int value, int anomalyBelow, int highBelow)
    {
        if (value < highBelow)
        {
            return IntegrityLevel.HighAnomaly;
        }

        return value < anomalyBelow ? IntegrityLevel.Anomaly : IntegrityLevel.NoAnomaly;
    }
}
