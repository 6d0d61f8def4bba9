using System.Net;
using Hardware.Network;

namespace Hardware.Simulated;

/// <summary>The simulated board's network: interface counters moved by pushed traffic, a peer list, a firewall log. Thread-safe.</summary>
public sealed class SimulatedNetwork : INetworkCounters, INetworkPeers, IFirewallLog
{
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (ulong RxBytes, ulong RxPackets, ulong TxBytes, ulong TxPackets)> _counters = new(StringComparer.Ordinal);
    private readonly List<NetworkPeer> _peers = [];
    private readonly EventLog<FirewallDrop> _drops = new(d => d.Sequence);
    private readonly Lock _lock = new();

    /// <summary>Creates the network with these interfaces, all counters zero.</summary>
    public SimulatedNetwork(TimeProvider time, IEnumerable<string> interfaces)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(interfaces);
        _time = time;
        foreach (var name in interfaces)
        {
            _counters[name] = default;
        }
    }

    /// <inheritdoc />
    IReadOnlyList<InterfaceCounters> INetworkCounters.Read()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            return _counters.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new InterfaceCounters(kv.Key, now, kv.Value.RxBytes, kv.Value.RxPackets, kv.Value.TxBytes, kv.Value.TxPackets))
                .ToList();
        }
    }

    /// <inheritdoc />
    IReadOnlyList<NetworkPeer> INetworkPeers.Read()
    {
        lock (_lock)
        {
            return _peers.ToList();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<FirewallDrop> ReadSince(long afterSequence) => _drops.ReadSince(afterSequence);

    /// <summary>Counts traffic on an interface (as if it had just passed).</summary>
    public void PushTraffic(string networkInterface, ulong rxBytes, ulong txBytes, ulong rxPackets = 1, ulong txPackets = 1)
    {
        lock (_lock)
        {
            if (!_counters.TryGetValue(networkInterface, out var c))
            {
                throw new ArgumentException($"No interface '{networkInterface}'.", nameof(networkInterface));
            }

            _counters[networkInterface] = (c.RxBytes + rxBytes, c.RxPackets + rxPackets, c.TxBytes + txBytes, c.TxPackets + txPackets);
        }
    }

    /// <summary>Adds a peer.</summary>
    public void AddPeer(NetworkPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_lock)
        {
            _peers.Add(peer);
        }
    }

    /// <summary>Removes every peer with this remote endpoint; returns how many.</summary>
    public int RemovePeer(IPEndPoint remote)
    {
        lock (_lock)
        {
            return _peers.RemoveAll(p => p.Remote.Equals(remote));
        }
    }

    /// <summary>Logs a firewall drop now.</summary>
    public FirewallDrop AddFirewallDrop(string networkInterface, TransportProtocol protocol, IPEndPoint source, IPEndPoint destination, string rule)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return _drops.Append(seq => new FirewallDrop(seq, _time.GetUtcNow(), networkInterface, protocol, source, destination, rule));
    }
}
