namespace Hardware.Memory;

/// <summary>One memory fault event.</summary>
/// <param name="Sequence">Position in the board's fault log (strictly increasing from 1).</param>
/// <param name="Time">When the board reported it.</param>
/// <param name="Kind">What kind of violation.</param>
/// <param name="Task">Name of the task or process that faulted.</param>
/// <param name="Pid">Its process id, when the board has one.</param>
/// <param name="Address">Faulting address, when known.</param>
public sealed record MemoryFault(long Sequence, DateTimeOffset Time, MemoryFaultKind Kind, string Task, int? Pid, ulong? Address);
