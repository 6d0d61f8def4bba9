using Firmware.Application.Composition;

namespace Firmware.Application.Misbehaviour;

/// <summary>
/// The bounds of the local misbehaviour detection (Docs/misbehaviour.md, one row per class). Defaults are chosen so that a
/// genuine vehicle's hard braking (about 10 m/s², ABS on dry asphalt) and a GNSS correction at a tunnel exit (reported
/// with its position confidence) stay inside them.
/// </summary>
public sealed record LmbdOptions
{
    /// <summary>Speed no road vehicle reaches (TS 103 759 Speed-ValueTooLarge-VehicleType). Default 83.4 m/s (300 km/h).</summary>
    public double MaxSpeed { get; init; } = 83.4;

    /// <summary>Largest longitudinal acceleration or deceleration of a vehicle (TS 103 759 LongAcc-ValueTooLarge, Speed-ChangeTooLarge). Default 12 m/s².</summary>
    public double MaxAcceleration { get; init; } = 12;

    /// <summary>Largest lateral acceleration, bounding the heading change at speed (yaw rate ≤ a / v). Default 10 m/s².</summary>
    public double MaxLateralAcceleration { get; init; } = 10;

    /// <summary>Heading changes are checked only above this speed (heading is noise when nearly stopped). Default 5 m/s.</summary>
    public double HeadingMinimumSpeed { get; init; } = 5;

    /// <summary>Heading, speed and position tolerance added to every bound (measurement noise). Default 10°, 1 m/s, 5 m.</summary>
    public double HeadingToleranceDegrees { get; init; } = 10;

    /// <inheritdoc cref="HeadingToleranceDegrees"/>
    public double SpeedTolerance { get; init; } = 1;

    /// <inheritdoc cref="HeadingToleranceDegrees"/>
    public double PositionToleranceMetres { get; init; } = 5;

    /// <summary>
    /// Consecutive CAMs of one ticket closer than this are too frequent: 80 % of T_GenCamMin (EN 302 637-2 §6.1.3;
    /// TS 103 759 Beacon-IntervalTooSmall). Default 80 ms.
    /// </summary>
    public TimeSpan MinBeaconInterval { get; init; } = CamGenerationRules.GenCamMin * 0.8;

    /// <summary>
    /// Two tickets whose reference positions, brought to one instant, are closer than this are at one place: no two
    /// vehicles' reference points can be (a car is about 1.8 m wide). Default 1.5 m.
    /// </summary>
    public double MinSeparationMetres { get; init; } = 1.5;

    /// <summary>Positions of two tickets are compared only when their generation times are this close. Default 100 ms.</summary>
    public TimeSpan SameInstant { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A DENM's event farther than this from its sender cannot be its own perception. Default 500 m.</summary>
    public double MaxEventDistanceMetres { get; init; } = 500;

    /// <summary>Tickets tracked at most (least recently heard dropped first). Default 512.</summary>
    public int MaxTracked { get; init; } = 512;

    /// <summary>A track older than this is forgotten (a new message starts afresh). Default 5 s.</summary>
    public TimeSpan TrackExpiry { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After a finding, the same class about the same ticket is not reported again for this long. Default 10 s.</summary>
    public TimeSpan RepeatSuppression { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest a CAM's reference time (its generationDeltaTime) may lie before its signed generation time and still be
    /// used as the time of its position (ObservedMessage.ReferenceTime); a sender can shift its own reference time by at
    /// most this, never after the signed time. Default 5 s.
    /// </summary>
    public TimeSpan MaxReferenceLag { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A bound that is not positive.</exception>
    public void Validate()
    {
        if (new[] { MaxSpeed, MaxAcceleration, MaxLateralAcceleration, MinSeparationMetres, MaxEventDistanceMetres }.Any(v => !(v > 0))
            || new[] { HeadingToleranceDegrees, SpeedTolerance, PositionToleranceMetres, HeadingMinimumSpeed }.Any(v => !(v >= 0))
            || MaxTracked < 2 || TrackExpiry <= TimeSpan.Zero || MinBeaconInterval < TimeSpan.Zero || SameInstant < TimeSpan.Zero || RepeatSuppression < TimeSpan.Zero
            || MaxReferenceLag < TimeSpan.Zero)
        {
            throw new ArgumentException("LMBD bounds are positive, tolerances not negative, and at least two tracks are kept.");
        }
    }
}
