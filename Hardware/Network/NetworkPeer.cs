using System.Net;

namespace Hardware.Network;

/// <summary>A current network peer: a socket with a remote endpoint.</summary>
/// <param name="Protocol">TCP or UDP.</param>
/// <param name="Local">Local endpoint.</param>
/// <param name="Remote">Remote endpoint.</param>
/// <param name="State">Connection state as the board names it (for example ESTABLISHED).</param>
/// <param name="Uid">Owning user id, when known.</param>
public sealed record NetworkPeer(TransportProtocol Protocol, IPEndPoint Local, IPEndPoint Remote, string State, int? Uid);
