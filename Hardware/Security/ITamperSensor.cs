namespace Hardware.Security;

/// <summary>The secure element's tamper state: events, and a latch that stays set once any event happened (across restarts).</summary>
public interface ITamperSensor
{
    /// <summary>True once any tamper event was detected; never clears by itself.</summary>
    bool IsLatched { get; }

    /// <summary>Tamper events with a sequence number above <paramref name="afterSequence"/>, oldest first.</summary>
    IReadOnlyList<TamperEvent> ReadSince(long afterSequence);
}
