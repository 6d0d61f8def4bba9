namespace Hardware.Processes;

/// <summary>Scheduler state of a process (Linux proc(5) /proc/[pid]/stat field 3).</summary>
public enum ProcessState
{
    /// <summary>R: running or runnable.</summary>
    Running,

    /// <summary>S: interruptible sleep.</summary>
    Sleeping,

    /// <summary>D: uninterruptible (disk) sleep.</summary>
    DiskSleep,

    /// <summary>T or t: stopped or traced.</summary>
    Stopped,

    /// <summary>Z: zombie (terminated, not yet reaped).</summary>
    Zombie,

    /// <summary>I: idle kernel thread.</summary>
    Idle,

    /// <summary>X or anything else the board reports.</summary>
    Other,
}
