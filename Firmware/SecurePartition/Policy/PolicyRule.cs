namespace Firmware.SecurePartition.Policy;

/// <summary>An allow-list entry pairing a process with a subject (an IPC channel or a capability name).</summary>
/// <param name="Process">Process name.</param>
/// <param name="Subject">Channel or capability (for example CAP_SYS_RAWIO).</param>
public sealed record PolicyRule(string Process, string Subject);
