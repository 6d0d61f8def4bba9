namespace Firmware.Nano.Board;

/// <summary>The running tasks (natively: FreeRTOS <c>uxTaskGetSystemState</c>).</summary>
public interface ITaskList
{
    /// <summary>The tasks now.</summary>
    TaskInfo[] Snapshot();
}
