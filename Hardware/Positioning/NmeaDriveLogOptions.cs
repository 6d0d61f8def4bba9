namespace Hardware.Positioning;

/// <summary>Settings of <see cref="NmeaDriveLog.Generate"/>.</summary>
public sealed record NmeaDriveLogOptions
{
    /// <summary>The route (default the bench's Munich block).</summary>
    public IReadOnlyList<Waypoint> Waypoints { get; init; } = SimulatedRoute.MunichBlock;

    /// <summary>Altitude reported with every fix.</summary>
    public double? AltitudeMeters { get; init; } = 519;

    /// <summary>Time of the first epoch (UTC).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Epochs in the log.</summary>
    public int Epochs { get; init; } = 50;

    /// <summary>Time between epochs (the receiver's rate; 200 ms is 5 Hz).</summary>
    public TimeSpan EpochInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>First epoch without a fix.</summary>
    public int NoFixFrom { get; init; } = int.MaxValue;

    /// <summary>Epochs without a fix from <see cref="NoFixFrom"/>.</summary>
    public int NoFixEpochs { get; init; }

    /// <summary>First epoch stamped <see cref="Step"/> later.</summary>
    public int StepFrom { get; init; } = int.MaxValue;

    /// <summary>The clock step.</summary>
    public TimeSpan Step { get; init; }
}
