namespace Firmware.Nano.Board;

/// <summary>One FreeRTOS task: its name and stack high-water mark (the least free stack it ever had).</summary>
public sealed class TaskInfo
{
    /// <summary>A task.</summary>
    public TaskInfo(string name, int stackHighWaterMarkBytes)
    {
        Name = name ?? "";
        StackHighWaterMarkBytes = stackHighWaterMarkBytes;
    }

    /// <summary>The task name (pcTaskName).</summary>
    public string Name { get; }

    /// <summary>The least free stack the task had, in bytes (uxTaskGetStackHighWaterMark).</summary>
    public int StackHighWaterMarkBytes { get; }
}
