namespace Hardware.Network;

/// <summary>Per-interface traffic counters (two readings give a rate).</summary>
public interface INetworkCounters
{
    /// <summary>Reads the counters of every interface now.</summary>
    IReadOnlyList<InterfaceCounters> Read();
}
