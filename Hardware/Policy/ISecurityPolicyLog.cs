namespace Hardware.Policy;

/// <summary>The board's log of IPC attachments and privileged-capability uses.</summary>
public interface ISecurityPolicyLog
{
    /// <summary>Events with a sequence number above <paramref name="afterSequence"/>, oldest first.</summary>
    IReadOnlyList<SecurityPolicyEvent> ReadSince(long afterSequence);
}
