namespace Firmware.SecurePartition.Keys;

/// <summary>One authorization-ticket key slot (a pseudonym).</summary>
/// <param name="Slot">Slot number (never reused).</param>
/// <param name="Label">Key-store label of its key pair.</param>
/// <param name="Certificate">The installed AT certificate (canonical OER), or empty until installed.</param>
/// <param name="CounterOffset">Random offset added to the message counter on the air while this pseudonym is active.</param>
public sealed record TicketSlot(ushort Slot, string Label, byte[] Certificate, uint CounterOffset);
