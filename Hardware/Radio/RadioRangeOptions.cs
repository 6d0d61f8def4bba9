namespace Hardware.Radio;

/// <summary>
/// The bench's radio range model: a receiver hears a sender within <see cref="RangeMeters"/>; beyond
/// <see cref="LossFromMeters"/> frames are lost with a probability growing linearly to 1 at the range. ITS-G5 at
/// 5.9 GHz reaches a few hundred metres in town and up to about a kilometre on a motorway (ETSI TR 102 861 discusses
/// the channel); the numbers are the scenario's to choose.
/// </summary>
public sealed record RadioRangeOptions
{
    /// <summary>The distance beyond which nothing is heard, metres.</summary>
    public required double RangeMeters { get; init; }

    /// <summary>Where loss begins, metres (null: no loss inside the range).</summary>
    public double? LossFromMeters { get; init; }

    /// <summary>Seed of the loss draws (the same seed and traffic give the same losses).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value out of range.</exception>
    public void Validate()
    {
        if (!double.IsFinite(RangeMeters) || RangeMeters <= 0 || RangeMeters > 100_000)
        {
            throw new ArgumentException("The radio range is above 0 and at most 100 km.", nameof(RangeMeters));
        }

        if (LossFromMeters is { } l && (!double.IsFinite(l) || l < 0 || l > RangeMeters))
        {
            throw new ArgumentException("Loss begins between 0 and the range.", nameof(LossFromMeters));
        }
    }
}
