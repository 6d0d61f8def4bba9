namespace Hardware.Network;

/// <summary>The packet counters of the firewall's named rules (two readings give the drops between them).</summary>
public interface IFirewallCounters
{
    /// <summary>Reads every named rule's counter now.</summary>
    /// <exception cref="IOException">The firewall cannot be read.</exception>
    IReadOnlyList<FirewallRuleCounter> Read();
}
