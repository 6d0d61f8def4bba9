namespace Firmware.Deployment;

/// <summary>An installed update.</summary>
/// <param name="Slot">The slot it went into (a or b).</param>
/// <param name="SlotPath">The slot's real path (the pending record's target).</param>
/// <param name="Bundle">The verified header.</param>
/// <param name="Files">Files written.</param>
/// <param name="Bytes">Bytes written.</param>
public sealed record UpdateResult(string Slot, string SlotPath, UpdateBundle Bundle, int Files, long Bytes);
