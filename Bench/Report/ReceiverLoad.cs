namespace Bench.Report;

/// <summary>One receiver's load over the seconds it was on the air: mean and peak frames heard and signatures verified per second.</summary>
public sealed record ReceiverLoad(string Receiver, int Seconds, double HeardPerSecond, int PeakHeard, double VerifiedPerSecond, long PeakVerified);
