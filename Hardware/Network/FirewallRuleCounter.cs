namespace Hardware.Network;

/// <summary>The counter of one named firewall rule (for example an nftables drop rule with a comment and a counter).</summary>
/// <param name="Rule">The rule's name (its nftables comment).</param>
/// <param name="Time">When the counter was read.</param>
/// <param name="Packets">Packets the rule matched since it was created.</param>
/// <param name="Bytes">Bytes the rule matched since it was created.</param>
public sealed record FirewallRuleCounter(string Rule, DateTimeOffset Time, ulong Packets, ulong Bytes);
