namespace Firmware.Application.Misbehaviour.Reporting;

/// <summary>What the misbehaviour report queue has seen: queued, delivered, refused by the authority, dropped when full, and waiting now.</summary>
public readonly record struct MisbehaviourQueueCounts(long Enqueued, long Delivered, long Refused, long Dropped, int Waiting);
