using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// One finding of a detector (patent ¶120-127): a boolean check (<see cref="Value"/> null) or a
/// ranged one (the measured value with its x and y thresholds, ¶126).
/// </summary>
/// <param name="Rule">The rule that fired (for example "process.unexpected", "network.throughput").</param>
/// <param name="Subject">What it is about (process, interface, stage, peer).</param>
/// <param name="Level">The level this finding alone gives.</param>
/// <param name="Detail">Human-readable detail.</param>
/// <param name="Value">Measured value of a ranged check.</param>
/// <param name="AnomalyThreshold">x of a ranged check.</param>
/// <param name="HighThreshold">y of a ranged check.</param>
public sealed record Evidence(
    string Rule, string Subject, IntegrityLevel Level, string Detail, double? Value = null, double? AnomalyThreshold = null, double? HighThreshold = null);
