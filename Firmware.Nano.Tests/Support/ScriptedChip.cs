using Firmware.Nano.Board;

namespace Firmware.Nano.Tests.Support;

/// <summary>The chip's own status as a test sets it: reset reason, heap figures, FreeRTOS tasks.</summary>
public sealed class ScriptedChip : IResetInfo, IMemoryStatus, ITaskList
{
    public ResetReason LastReset { get; set; } = ResetReason.PowerOn;

    public int TotalHeapBytes { get; set; } = 256 * 1024;

    public int FreeHeapBytes { get; set; } = 160 * 1024;

    public int MinimumFreeHeapBytes { get; set; } = 120 * 1024;

    public List<TaskInfo> Tasks { get; } =
    [
        new("main", 3000), new("esp_timer", 2200), new("ipc0", 600), new("ipc1", 600), new("IDLE0", 700), new("IDLE1", 700), new("Tmr Svc", 1400),
    ];

    public TaskInfo[] Snapshot() => [.. Tasks];
}
