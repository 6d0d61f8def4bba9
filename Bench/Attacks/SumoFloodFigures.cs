namespace Bench.Attacks;

/// <summary>
/// A flood of a SUMO run at the receivers in range of the flooder while it flooded (SumoAttackRun.Floods.cs): what it sent,
/// whom it reached, what they verified, and how fast they still decided the genuine OBUs' frames.
/// </summary>
/// <param name="RatePerSecond">The flood's frames per second.</param>
/// <param name="FramesSent">Flood frames sent.</param>
/// <param name="ReceiversReached">Receivers that decided at least one flood frame (those in range of the flooder).</param>
/// <param name="FloodDecided">Flood frames decided at those receivers (each frame counts at every receiver that heard it).</param>
/// <param name="FloodAccepted">Flood frames accepted there after their signature was verified (expected none: a forgery, or a frame signed by another key than its ticket's).</param>
/// <param name="FloodAcceptedUnverified">Flood frames accepted unverified (verify-on-demand's marked awareness-only CAMs under a cached ticket: at most about four per ticket before its first bad signature backs it off, Docs/trust-decisions.md).</param>
/// <param name="Verifications">The reached receivers' signature verifications (ECDSA) during the flood, from their running counters.</param>
/// <param name="GenuineMeasured">Genuine OBUs' frames the reached receivers accepted during the flood.</param>
/// <param name="GenuineInTime">Of those, decided within <paramref name="DeadlineMs"/> of arrival.</param>
/// <param name="P99Ms">The 99th percentile of their arrival-to-decision time, ms (null: none).</param>
/// <param name="ReplaysAccepted">Genuine messages a reached receiver accepted twice during the flood (expected none).</param>
/// <param name="PeakQueue">The highest receive queue (frames waiting for a worker) any reached receiver had during the flood, sampled once a second of simulation.</param>
/// <param name="DeadlineMs">The deadline of a genuine frame, ms (the flood bench's 100 ms).</param>
public sealed record SumoFloodFigures(double RatePerSecond, long FramesSent, int ReceiversReached, long FloodDecided, long FloodAccepted, long FloodAcceptedUnverified, long Verifications, long GenuineMeasured,
    long GenuineInTime, double? P99Ms, long ReplaysAccepted, int PeakQueue, double DeadlineMs)
{
    /// <summary>The share of genuine frames decided within the deadline (0 with none measured).</summary>
    public double InTimeShare => GenuineMeasured == 0 ? 0 : (double)GenuineInTime / GenuineMeasured;
}
