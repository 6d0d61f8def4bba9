using Hardware.Policy;

namespace Hardware.Simulated;

/// <summary>The simulated board's security-policy telemetry (IPC attachments, privileged capability uses).</summary>
public sealed class SimulatedSecurityPolicyLog : ISecurityPolicyLog
{
    private readonly TimeProvider _time;
    private readonly EventLog<SecurityPolicyEvent> _events = new(e => e.Sequence);

    /// <summary>Creates an empty log.</summary>
    public SimulatedSecurityPolicyLog(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <inheritdoc />
    public IReadOnlyList<SecurityPolicyEvent> ReadSince(long afterSequence) => _events.ReadSince(afterSequence);

    /// <summary>Records an event now.</summary>
    public SecurityPolicyEvent Record(SecurityPolicyEventKind kind, int pid, string process, string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(process);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return _events.Append(seq => new SecurityPolicyEvent(seq, _time.GetUtcNow(), kind, pid, process, subject));
    }
}
