using V2x.Time;

namespace V2x.GeoNetworking;

/// <summary>
/// TST of a position vector (ETSI EN 302 636-4-1 v1.4.1 §9.5.2): milliseconds of TAI since
/// 2004-01-01T00:00:00.000 UTC, modulo 2^32. The same TAI time line as IEEE 1609.2 Time64, so the
/// leap seconds come from the one table in <see cref="LeapSeconds"/>.
/// </summary>
public readonly record struct GnTimestamp(uint Milliseconds)
{
    /// <summary>From TAI milliseconds since the 2004 epoch (as a TAI clock supplies them), modulo 2^32.</summary>
    public static GnTimestamp FromTaiMilliseconds(long taiMillisecondsSince2004)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taiMillisecondsSince2004);
        return new GnTimestamp(unchecked((uint)taiMillisecondsSince2004));
    }

    /// <summary>From a Time64 (TAI µs since 2004), truncated to the millisecond, modulo 2^32.</summary>
    public static GnTimestamp FromTime64(Time64 time) => new(unchecked((uint)(time.Microseconds / 1000)));

    /// <summary>
    /// From a UTC instant on or after 2004-01-01: UTC elapsed time plus the leap seconds inserted since
    /// (<see cref="LeapSeconds"/>; 5 s from 2017 on), in milliseconds, modulo 2^32.
    /// </summary>
    public static GnTimestamp FromUtc(DateTimeOffset utc) => FromTime64(Time64.FromUtc(utc));
}
