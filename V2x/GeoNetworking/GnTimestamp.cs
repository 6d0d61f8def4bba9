namespace V2x.GeoNetworking;

/// <summary>
/// TST of a position vector (ETSI EN 302 636-4-1 v1.4.1 §9.5.2): milliseconds of TAI since
/// 2004-01-01T00:00:00.000 UTC, modulo 2^32.
/// </summary>
public readonly record struct GnTimestamp(uint Milliseconds)
{
    /// <summary>2004-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Epoch = new(2004, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>From TAI milliseconds since the 2004 epoch (as a TAI clock supplies them), modulo 2^32.</summary>
    public static GnTimestamp FromTaiMilliseconds(long taiMillisecondsSince2004)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taiMillisecondsSince2004);
        return new GnTimestamp(unchecked((uint)taiMillisecondsSince2004));
    }

    /// <summary>
    /// From a UTC instant and the leap seconds inserted between 2004-01-01 and that instant (5 s
    /// from 2017-01-01 on); TAI elapsed time is UTC elapsed time plus those leap seconds.
    /// </summary>
    public static GnTimestamp FromUtc(DateTimeOffset utc, TimeSpan leapSecondsSince2004) =>
        FromTaiMilliseconds((long)Math.Floor((utc - Epoch + leapSecondsSince2004).TotalMilliseconds));
}
