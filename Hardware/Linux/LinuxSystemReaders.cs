using Hardware.Memory;
using Hardware.Network;

namespace Hardware.Linux;

/// <summary>Memory statistics, interface counters and peers read from procfs.</summary>
public sealed class LinuxSystemReaders : IMemoryStatistics, INetworkCounters, INetworkPeers
{
    private readonly TimeProvider _time;
    private readonly string _procRoot;

    /// <summary>Reads under a procfs root (normally /proc).</summary>
    public LinuxSystemReaders(TimeProvider time, string procRoot = "/proc")
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(procRoot);
        _time = time;
        _procRoot = procRoot;
    }

    /// <inheritdoc />
    /// <exception cref="IOException">/proc/meminfo cannot be read or lacks MemTotal / MemFree.</exception>
    MemoryStatistics IMemoryStatistics.Read()
    {
        var m = ProcFs.ParseMeminfo(File.ReadAllText(Path.Combine(_procRoot, "meminfo")));
        if (!m.TryGetValue("MemTotal", out var total) || !m.TryGetValue("MemFree", out var free))
        {
            throw new IOException("/proc/meminfo has no MemTotal or MemFree.");
        }

        // MemAvailable (Linux 3.14+) estimates memory available without swapping; "used" is the rest.
        var available = m.TryGetValue("MemAvailable", out var a) ? a : free;
        return new MemoryStatistics(_time.GetUtcNow(), total, total - available, free);
    }

    /// <inheritdoc />
    IReadOnlyList<InterfaceCounters> INetworkCounters.Read() =>
        ProcFs.ParseNetDev(File.ReadAllText(Path.Combine(_procRoot, "net", "dev")), _time.GetUtcNow());

    /// <inheritdoc />
    IReadOnlyList<NetworkPeer> INetworkPeers.Read()
    {
        var peers = new List<NetworkPeer>();
        foreach (var (file, protocol) in new[] { ("tcp", TransportProtocol.Tcp), ("tcp6", TransportProtocol.Tcp), ("udp", TransportProtocol.Udp), ("udp6", TransportProtocol.Udp) })
        {
            var path = Path.Combine(_procRoot, "net", file);
            if (File.Exists(path))
            {
                peers.AddRange(ProcFs.ParseNetSockets(File.ReadAllText(path), protocol));
            }
        }

        return peers;
    }
}
