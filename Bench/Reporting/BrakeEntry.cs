using Firmware.Application.Eebl;

namespace Bench.Reporting;

/// <summary>One brake request of a receiver's EEBL application (patent ¶179-182) on a sender's DENM.</summary>
/// <param name="Receiver">The OBU whose EEBL application decided.</param>
/// <param name="Sender">The sender of the DENM (by its ticket, as the ledger saw it on the radio).</param>
/// <param name="Phase">The phase.</param>
/// <param name="Response">Full, soft, pre-charge only or none.</param>
public sealed record BrakeEntry(string Receiver, string Sender, DemoPhase Phase, BrakeResponse Response);
