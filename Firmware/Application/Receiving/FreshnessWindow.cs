namespace Firmware.Application.Receiving;

/// <summary>How old, and how far ahead of the receiver's clock, a message's generation time may be.</summary>
/// <param name="MaxAge">Oldest accepted (now − generation time).</param>
/// <param name="MaxAhead">Furthest accepted ahead (generation time − now), for clock differences.</param>
public sealed record FreshnessWindow(TimeSpan MaxAge, TimeSpan MaxAhead)
{
    /// <summary>CAM: not older than 2 s, not more than 40 ms ahead (issue 5).</summary>
    public static FreshnessWindow Cam { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(40));

    /// <summary>DENM: not older than 10 s (every repetition is signed afresh), not more than 40 ms ahead.</summary>
    public static FreshnessWindow Denm { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(40));

    /// <summary>Any other PSID: 30 s old, 1 s ahead.</summary>
    public static FreshnessWindow Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
}
