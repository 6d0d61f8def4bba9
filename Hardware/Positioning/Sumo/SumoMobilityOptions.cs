namespace Hardware.Positioning.Sumo;

/// <summary>How <see cref="SumoMobility"/> runs the simulation.</summary>
public sealed record SumoMobilityOptions
{
    /// <summary>The instant of simulation time 0 (the bench: the wall clock at start).</summary>
    public required DateTimeOffset Epoch { get; init; }

    /// <summary>
    /// Simulation seconds per wall-clock second: 1.0 real time, 2.0 twice as fast, 0.5 half; 0 as fast as SUMO and the
    /// callers go (tests). Default 1.
    /// </summary>
    public double Pacing { get; init; } = 1.0;

    /// <summary>The wall clock the pacing follows (default <see cref="TimeProvider.System"/>).</summary>
    public TimeProvider Wall { get; init; } = TimeProvider.System;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Wall);
        if (!double.IsFinite(Pacing) || Pacing < 0 || Pacing > 1000)
        {
            throw new ArgumentException("The pacing is 0 (unpaced) or a factor above 0 and at most 1000.", nameof(Pacing));
        }
    }
}
