namespace Bench.Report;

/// <summary>
/// One receiver's load in one second of a run: frames that reached its receive pipeline and were decided (heard), of
/// them accepted, and the signature verifications it made (ReceiveStatistics.SignatureVerifications, sampled once a
/// second).
/// </summary>
public sealed record ReceiverSecond(string Receiver, int Second, int Heard, int Accepted, long Verified);
