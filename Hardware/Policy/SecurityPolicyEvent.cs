namespace Hardware.Policy;

/// <summary>One security-policy telemetry event.</summary>
/// <param name="Sequence">Position in the log (strictly increasing from 1).</param>
/// <param name="Time">When it happened.</param>
/// <param name="Kind">IPC attachment or capability use.</param>
/// <param name="Pid">The acting process.</param>
/// <param name="Process">Its name.</param>
/// <param name="Subject">The IPC channel name, or the capability name (for example CAP_SYS_RAWIO).</param>
public sealed record SecurityPolicyEvent(long Sequence, DateTimeOffset Time, SecurityPolicyEventKind Kind, int Pid, string Process, string Subject);
