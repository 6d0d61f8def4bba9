using System.Net;

namespace Hardware.Network;

/// <summary>One packet the firewall dropped.</summary>
/// <param name="Sequence">Position in the firewall log (strictly increasing from 1).</param>
/// <param name="Time">When it was dropped.</param>
/// <param name="Interface">Interface it arrived on.</param>
/// <param name="Protocol">Transport protocol.</param>
/// <param name="Source">Source endpoint.</param>
/// <param name="Destination">Destination endpoint.</param>
/// <param name="Rule">Name of the rule that dropped it.</param>
public sealed record FirewallDrop(long Sequence, DateTimeOffset Time, string Interface, TransportProtocol Protocol, IPEndPoint Source, IPEndPoint Destination, string Rule);
