namespace Hardware.Positioning;

/// <summary>Configuration of <see cref="GnssClock"/>.</summary>
public sealed record GnssClockOptions
{
    /// <summary>The largest disagreement between one fix's time and the clock that still counts as synchronised. Default 100 ms.</summary>
    public TimeSpan Bound { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Consecutive fixes that must agree within the bound before the clock (re)synchronises. Default 3.</summary>
    public int ConfirmingFixes { get; init; } = 3;

    /// <summary>How long the clock stays synchronised without a fix (free-running on the local oscillator). Default 10 s.</summary>
    public TimeSpan Holdover { get; init; } = TimeSpan.FromSeconds(10);
}
