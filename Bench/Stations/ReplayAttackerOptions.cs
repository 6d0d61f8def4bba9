namespace Bench.Stations;

/// <summary>How a <see cref="ReplayAttacker"/> picks and delays its replays.</summary>
public sealed record ReplayAttackerOptions
{
    /// <summary>Share of the heard frames it replays (0..1]. Default one in six.</summary>
    public double CaptureProbability { get; init; } = 1.0 / 6;

    /// <summary>Shortest delay between hearing a frame and replaying it. Default 200 ms (well inside the CAM freshness window of 2 s, so only the replay checks can catch it).</summary>
    public TimeSpan MinDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay. Default 800 ms.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Seed of its choices.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Which radio sources it captures from (null: every one but its own). A reflection takes its victim's only.</summary>
    public Func<string, bool>? Captures { get; init; }

    /// <summary>Whether half of its replays alter the integrity report's counter (default); false: exact replays only (a reflection).</summary>
    public bool AlterCounters { get; init; } = true;

    /// <summary>
    /// The Ethernet source it writes into every frame it sends (null: the frame's own, as captured). The Ethernet header
    /// is not signed: a reflection under another MAC passes the victim's own-MAC filter and reaches its receive pipeline.
    /// </summary>
    public V2x.Link.MacAddress? SourceMac { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value out of range.</exception>
    public void Validate()
    {
        if (!(CaptureProbability > 0 && CaptureProbability <= 1))
        {
            throw new ArgumentException("CaptureProbability is in (0, 1].", nameof(CaptureProbability));
        }

        if (MinDelay < TimeSpan.Zero || MaxDelay < MinDelay || MaxDelay > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("0 <= MinDelay <= MaxDelay <= 1 min.", nameof(MaxDelay));
        }
    }
}
