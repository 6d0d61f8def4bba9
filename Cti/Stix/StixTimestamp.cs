using System.Globalization;

namespace Cti.Stix;

/// <summary>
/// STIX 2.1 timestamps (§3.2 "timestamp"): RFC 3339 in UTC, upper-case <c>T</c> and <c>Z</c>,
/// optional fractional seconds of any length (<c>2016-01-20T12:31:12.123Z</c>). TAXII 2.1 uses the
/// same form for <c>date_added</c> and the <c>X-TAXII-Date-Added-*</c> headers (§3.1).
/// </summary>
/// <remarks>
/// Values are held as <see cref="DateTimeOffset"/> (100 ns resolution); fractional digits beyond
/// the seventh are truncated. The hub orders and compares versions at microsecond resolution
/// (<see cref="ToMicroseconds"/>). A leap second (<c>:60</c>) is rejected: .NET cannot represent
/// it and no STIX producer this project meets emits one.
/// </remarks>
public static class StixTimestamp
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>Parses a STIX timestamp, or says why it is not one.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && TryParseCore(text.AsSpan(), out value);
    }

    /// <summary>Parses a STIX timestamp from outside; throws <see cref="StixFormatException"/> if malformed.</summary>
    public static DateTimeOffset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParseCore(text.AsSpan(), out var value))
        {
            throw new StixFormatException($"'{Truncate(text)}' is not a STIX 2.1 timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z, STIX 2.1 §3.2)");
        }

        return value;
    }

    /// <summary>
    /// Formats with millisecond precision, the precision STIX 2.1 §3.2 asks for <c>created</c> and
    /// <c>modified</c>.
    /// </summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats with microsecond precision (TAXII 2.1 <c>date_added</c>, hub versions).</summary>
    public static string FormatMicroseconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Microseconds since the Unix epoch (truncating sub-microsecond ticks).</summary>
    public static long ToMicroseconds(DateTimeOffset value) => (value.UtcTicks - EpochTicks) / 10;

    /// <summary>The instant <paramref name="microseconds"/> after the Unix epoch, in UTC.</summary>
    public static DateTimeOffset FromMicroseconds(long microseconds) =>
        new(EpochTicks + (microseconds * 10), TimeSpan.Zero);

    private static bool TryParseCore(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        // Shortest form: 2016-01-20T12:31:12Z (20 characters).
        if (s.Length < 20 || s[^1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day) ||
            !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        long fractionTicks = 0;
        if (s.Length > 20)
        {
            // Optional fraction: '.' then one or more digits, then 'Z'.
            if (s[19] != '.' || s.Length < 22)
            {
                return false;
            }

            var fraction = s[20..^1];
            long scale = 1_000_000;
            foreach (var c in fraction)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }

                if (scale > 0)
                {
                    fractionTicks += (c - '0') * scale;
                    scale /= 10;
                }
            }
        }

        if (year < 1 || month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59 ||
            day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(fractionTicks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int result)
    {
        result = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            result = (result * 10) + (c - '0');
        }

        return true;
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
