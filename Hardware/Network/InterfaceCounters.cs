namespace Hardware.Network;

/// <summary>Cumulative traffic counters of one network interface, with the time they were read.</summary>
/// <param name="Interface">Interface name (lo, eth0, wlan0, radio0...).</param>
/// <param name="Time">When they were read.</param>
/// <param name="RxBytes">Bytes received.</param>
/// <param name="RxPackets">Packets received.</param>
/// <param name="TxBytes">Bytes sent.</param>
/// <param name="TxPackets">Packets sent.</param>
public sealed record InterfaceCounters(string Interface, DateTimeOffset Time, ulong RxBytes, ulong RxPackets, ulong TxBytes, ulong TxPackets)
{
    /// <summary>Receive plus transmit throughput in bytes per second since an earlier reading of the same interface.</summary>
    /// <exception cref="ArgumentException">The readings are of different interfaces or not in time order.</exception>
    public double BytesPerSecondSince(InterfaceCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (earlier.Interface != Interface || earlier.Time >= Time)
        {
            throw new ArgumentException("Needs an earlier reading of the same interface.", nameof(earlier));
        }

        // Counters that went backwards were reset (interface re-created): count from zero.
        var rx = RxBytes >= earlier.RxBytes ? RxBytes - earlier.RxBytes : RxBytes;
        var tx = TxBytes >= earlier.TxBytes ? TxBytes - earlier.TxBytes : TxBytes;
        return (rx + tx) / (Time - earlier.Time).TotalSeconds;
    }
}
