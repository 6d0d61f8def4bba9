namespace Hardware.Network;

/// <summary>The board's current network peers (remote endpoints of open sockets).</summary>
public interface INetworkPeers
{
    /// <summary>Reads the peers now: sockets with a remote endpoint (listening sockets are left out).</summary>
    IReadOnlyList<NetworkPeer> Read();
}
