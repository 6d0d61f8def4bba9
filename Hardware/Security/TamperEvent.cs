namespace Hardware.Security;

/// <summary>One tamper event from the secure element (enclosure opened, voltage or clock glitch, probe).</summary>
/// <param name="Sequence">Position in the tamper log (strictly increasing from 1).</param>
/// <param name="Time">When it was detected.</param>
/// <param name="Source">Which sensor (for example "enclosure", "voltage-glitch").</param>
public sealed record TamperEvent(long Sequence, DateTimeOffset Time, string Source);
