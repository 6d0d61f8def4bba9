namespace Hardware.Policy;

/// <summary>Security-policy telemetry the board reports (patent ¶96: security-policy violations).</summary>
public enum SecurityPolicyEventKind
{
    /// <summary>A process attached to an IPC channel (socket, message queue, shared memory, binder).</summary>
    IpcAttachment,

    /// <summary>A process used a privileged capability (map physical memory, switch uid...).</summary>
    CapabilityUse,
}
