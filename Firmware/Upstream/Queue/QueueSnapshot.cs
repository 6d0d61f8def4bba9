namespace Firmware.Upstream.Queue;

/// <summary>The queue at one instant.</summary>
/// <param name="Pending">Summaries waiting.</param>
/// <param name="Delivered">Delivered summaries still remembered.</param>
/// <param name="Refused">Refused summaries still remembered.</param>
/// <param name="ReportCursor">Sequence of the last report committed.</param>
/// <param name="IndicatorCursor">The indicator poll's added_after (the hub's last date_added seen), or null.</param>
/// <param name="Counters">Every counter (<see cref="QueueCounters"/>).</param>
public sealed record QueueSnapshot(int Pending, int Delivered, int Refused, ulong ReportCursor, DateTimeOffset? IndicatorCursor, IReadOnlyDictionary<string, long> Counters)
{
    /// <summary>A counter's value (0 when never counted).</summary>
    public long Count(string name) => Counters.GetValueOrDefault(name);
}
