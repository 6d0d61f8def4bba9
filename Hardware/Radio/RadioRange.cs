using Hardware.Positioning;

namespace Hardware.Radio;

/// <summary>
/// Decides whether a frame reaches a receiver from the distance between the sender's position (the one it put in the
/// frame: the GeoNetworking source position vector, which the sender signs) and the receiver's own fix: delivered
/// within <see cref="RadioRangeOptions.LossFromMeters"/>, never beyond <see cref="RadioRangeOptions.RangeMeters"/>,
/// lost in between with a probability rising linearly from 0 to 1, drawn from a seeded generator (simulation, not
/// cryptography). A frame whose sender position cannot be read, or a receiver without a fix, cannot be placed: it is
/// delivered (the receiver's parser judges malformed frames) and counted as unplaced. Thread-safe.
/// </summary>
public sealed class RadioRange
{
    private readonly RadioRangeOptions _options;
    private readonly System.Random _draws;
    private readonly Lock _lock = new();
    private long _delivered;
    private long _outOfRange;
    private long _lost;
    private long _unplaced;

    /// <summary>A range model.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public RadioRange(RadioRangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
#pragma warning disable CA5394 // A seeded simulation of radio loss, not a security decision.
        _draws = new System.Random(options.Seed);
#pragma warning restore CA5394
    }

    /// <summary>The options.</summary>
    public RadioRangeOptions Options => _options;

    /// <summary>Frames delivered (placed and within range, not lost).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Frames not delivered because the receiver was beyond the range.</summary>
    public long OutOfRange => Interlocked.Read(ref _outOfRange);

    /// <summary>Frames lost to the loss curve.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Frames delivered without a decision because a position was unknown.</summary>
    public long Unplaced => Interlocked.Read(ref _unplaced);

    /// <summary>The probability that a frame sent from <paramref name="distanceMeters"/> away is delivered.</summary>
    public double DeliveryProbability(double distanceMeters)
    {
        if (distanceMeters > _options.RangeMeters)
        {
            return 0;
        }

        if (_options.LossFromMeters is not { } from || distanceMeters <= from)
        {
            return 1;
        }

        return (_options.RangeMeters - distanceMeters) / (_options.RangeMeters - from);
    }

    /// <summary>Decides one delivery (counts it).</summary>
    public bool Delivers((double Latitude, double Longitude)? sender, PositionFix? receiver)
    {
        if (sender is not { } s || receiver is not { IsValid: true } r)
        {
            Interlocked.Increment(ref _unplaced);
            return true;
        }

        var distance = SimulatedRoute.DistanceMeters(s.Latitude, s.Longitude, r.LatitudeDegrees, r.LongitudeDegrees);
        var p = DeliveryProbability(distance);
        if (p <= 0)
        {
            Interlocked.Increment(ref _outOfRange);
            return false;
        }

        if (p < 1)
        {
            double draw;
            lock (_lock)
            {
#pragma warning disable CA5394 // Seeded simulation draw.
                draw = _draws.NextDouble();
#pragma warning restore CA5394
            }

            if (draw >= p)
            {
                Interlocked.Increment(ref _lost);
                return false;
            }
        }

        Interlocked.Increment(ref _delivered);
        return true;
    }
}
