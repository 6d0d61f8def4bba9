namespace Firmware.Application.Replay;

/// <summary>Bounds of the replay state (memory does not grow past them).</summary>
public sealed record ReplayOptions
{
    /// <summary>Most senders whose counter windows are kept (least recently heard leave first).</summary>
    public int MaxNeighbours { get; init; } = 4096;

    /// <summary>A sender not heard for this long is forgotten (its next message starts a new window).</summary>
    public TimeSpan NeighbourIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most recent messages remembered for exact-duplicate detection.</summary>
    public int MaxRecentMessages { get; init; } = 16384;

    /// <summary>
    /// How long (by generation time) a message is remembered for duplicate detection: at least the
    /// longest freshness window, so a replay is either stale or remembered.
    /// </summary>
    public TimeSpan RecentWindow { get; init; } = TimeSpan.FromSeconds(31);
}
