namespace Firmware.SecurePartition.Policy;

/// <summary>
/// The ranged throughput rule of patent ¶126 for one interface: below <see cref="AnomalyBytesPerSecond"/>
/// (x) normal, from x to <see cref="HighAnomalyBytesPerSecond"/> (y) an anomaly, above y a high anomaly.
/// </summary>
/// <param name="Interface">Interface name.</param>
/// <param name="AnomalyBytesPerSecond">x.</param>
/// <param name="HighAnomalyBytesPerSecond">y.</param>
public sealed record ThroughputBand(string Interface, double AnomalyBytesPerSecond, double HighAnomalyBytesPerSecond);
