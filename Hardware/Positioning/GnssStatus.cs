namespace Hardware.Positioning;

/// <summary>What a GNSS receiver can vouch for now.</summary>
public enum GnssStatus
{
    /// <summary>No fix yet, or the last one was lost or is too old: no position.</summary>
    NoFix,

    /// <summary>A fix, but the clock is not synchronised to GNSS time within the bound (not yet, or after a step).</summary>
    ClockNotSynchronised,

    /// <summary>A current fix and a clock synchronised within the bound.</summary>
    Ready,
}
