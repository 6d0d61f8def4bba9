namespace Hardware.Network;

/// <summary>The firewall's log of dropped packets.</summary>
public interface IFirewallLog
{
    /// <summary>Drops with a sequence number above <paramref name="afterSequence"/>, oldest first.</summary>
    IReadOnlyList<FirewallDrop> ReadSince(long afterSequence);
}
