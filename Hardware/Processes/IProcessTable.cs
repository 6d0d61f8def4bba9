namespace Hardware.Processes;

/// <summary>The board's process table: a snapshot of every process (two snapshots give CPU use over the interval).</summary>
public interface IProcessTable
{
    /// <summary>Takes a snapshot of the process table now.</summary>
    ProcessSnapshot Capture();
}
