namespace Hardware.Reset;

/// <summary>Why the board last started, and its crash log.</summary>
public interface IResetInfo
{
    /// <summary>The reason of the last reset.</summary>
    ResetReason LastResetReason { get; }

    /// <summary>Crash log entries with a sequence number above <paramref name="afterSequence"/>, oldest first.</summary>
    IReadOnlyList<CrashLogEntry> ReadCrashLog(long afterSequence);
}
