namespace Bench.Reporting;

/// <summary>
/// One local misbehaviour detection (LMBD) finding of a receiver (Docs/misbehaviour.md, "Local detection"), its subject
/// named by the ticket's station where the bench knows it.
/// </summary>
/// <param name="Receiver">The OBU that found it.</param>
/// <param name="Subject">The subject's station (or its ticket's HashedId8 when the bench does not know it).</param>
/// <param name="Kind">What the subject is (an OBU, the legacy station, the ghost, or unknown).</param>
/// <param name="Observation">The detection class (TS 103 759 observation).</param>
/// <param name="At">When it was found (receiver clock).</param>
/// <param name="Detail">What was measured against which bound.</param>
public sealed record FindingEntry(string Receiver, string Subject, SenderKind Kind, string Observation, DateTimeOffset At, string Detail);
