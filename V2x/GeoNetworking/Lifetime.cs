namespace V2x.GeoNetworking;

/// <summary>
/// The packet lifetime field LT (ETSI EN 302 636-4-1 v1.4.1 §9.6.4): a 6-bit multiplier and a 2-bit
/// base (50 ms, 1 s, 10 s, 100 s); lifetime = multiplier × base.
/// </summary>
public readonly record struct Lifetime
{
    public Lifetime(byte multiplier, LifetimeBase timeBase)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(multiplier, (byte)63);
        if (!Enum.IsDefined(timeBase))
        {
            throw new ArgumentOutOfRangeException(nameof(timeBase), timeBase, "not an LT base");
        }

        Multiplier = multiplier;
        Base = timeBase;
    }

    /// <summary>
    /// itsGnDefaultPacketLifetime, 60 s (EN 302 636-4-1 v1.4.1 Annex H), encoded as 6 × 10 s (0x1A).
    /// </summary>
    public static Lifetime Default { get; } = new(6, LifetimeBase.TenSeconds);

    public byte Multiplier { get; }

    public LifetimeBase Base { get; }

    /// <summary>The lifetime this field expresses.</summary>
    public TimeSpan Duration => TimeSpan.FromMilliseconds(Multiplier * BaseMilliseconds(Base));

    /// <summary>
    /// The encoding of <paramref name="duration"/> with the finest base that holds it exactly in six
    /// bits; a duration no base holds exactly throws <see cref="ArgumentException"/>.
    /// </summary>
    public static Lifetime FromDuration(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(duration.Ticks, nameof(duration));
        foreach (var candidate in Enum.GetValues<LifetimeBase>())
        {
            var unit = TimeSpan.FromMilliseconds(BaseMilliseconds(candidate));
            if (duration.Ticks % unit.Ticks == 0 && duration.Ticks / unit.Ticks <= 63)
            {
                return new Lifetime((byte)(duration.Ticks / unit.Ticks), candidate);
            }
        }

        throw new ArgumentException($"{duration} is not a multiple (up to 63) of 50 ms, 1 s, 10 s or 100 s", nameof(duration));
    }

    /// <summary>The LT octet: multiplier in the six high bits, base in the two low bits.</summary>
    public byte ToByte() => (byte)((Multiplier << 2) | (byte)Base);

    /// <summary>Reads an LT octet.</summary>
    public static Lifetime FromByte(byte octet) => new((byte)(octet >> 2), (LifetimeBase)(octet & 3));

    private static int BaseMilliseconds(LifetimeBase timeBase) => timeBase switch
    {
        LifetimeBase.FiftyMilliseconds => 50,
        LifetimeBase.OneSecond => 1000,
        LifetimeBase.TenSeconds => 10000,
        _ => 100000,
    };
}
