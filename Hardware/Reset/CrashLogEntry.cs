namespace Hardware.Reset;

/// <summary>One entry of the crash log: an unexpected termination or reset.</summary>
/// <param name="Sequence">Position in the log (strictly increasing from 1).</param>
/// <param name="Time">When it happened.</param>
/// <param name="Task">The task or process that crashed.</param>
/// <param name="Reason">The reset reason it caused.</param>
/// <param name="Detail">Free text from the board (panic message, signal).</param>
public sealed record CrashLogEntry(long Sequence, DateTimeOffset Time, string Task, ResetReason Reason, string Detail);
