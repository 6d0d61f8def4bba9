namespace Hardware.Processes;

/// <summary>
/// Tells the board which processes the detection policy monitors, so that it follows them closely
/// (on Linux: their ends, by signal or exit status, from the kernel's process events).
/// </summary>
public interface IProcessWatch
{
    /// <summary>Replaces the set of monitored process names (Linux comm, at most 15 characters).</summary>
    void Watch(IReadOnlyCollection<string> names);
}
