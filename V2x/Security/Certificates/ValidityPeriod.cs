using V2x.Oer;
using V2x.Time;

namespace V2x.Security.Certificates;

/// <summary>The alternatives of Duration (IEEE 1609.2-2016 §6.4), in tag order.</summary>
public enum DurationUnit
{
    Microseconds = 0,
    Milliseconds = 1,
    Seconds = 2,
    Minutes = 3,
    Hours = 4,
    SixtyHours = 5,
    Years = 6,
}

/// <summary>IEEE 1609.2 Duration ::= CHOICE { microseconds Uint16, ..., years Uint16 } (1609.2-2016 §6.4).</summary>
public readonly record struct Duration(DurationUnit Unit, ushort Value)
{
    /// <summary>The duration as a time span; 1609.2 counts a year as 31 556 952 seconds (365.2425 days).</summary>
    public TimeSpan ToTimeSpan() => Unit switch
    {
        DurationUnit.Microseconds => TimeSpan.FromMicroseconds(Value),
        DurationUnit.Milliseconds => TimeSpan.FromMilliseconds(Value),
        DurationUnit.Seconds => TimeSpan.FromSeconds(Value),
        DurationUnit.Minutes => TimeSpan.FromMinutes(Value),
        DurationUnit.Hours => TimeSpan.FromHours(Value),
        DurationUnit.SixtyHours => TimeSpan.FromHours(60.0 * Value),
        _ => TimeSpan.FromSeconds(31_556_952.0 * Value),
    };

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!Enum.IsDefined(Unit))
        {
            throw new ArgumentOutOfRangeException(nameof(writer), "unknown duration unit");
        }

        writer.WriteChoiceIndex((int)Unit);
        writer.WriteUInt16(Value);
    }

    public static Duration Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var unit = (DurationUnit)reader.ReadChoiceIndex(7, 0, out _);
        return new Duration(unit, reader.ReadUInt16());
    }
}

/// <summary>IEEE 1609.2 ValidityPeriod ::= SEQUENCE { start Time32, duration Duration } (1609.2-2016 §6.4).</summary>
public readonly record struct ValidityPeriod(Time32 Start, Duration Duration)
{
    /// <summary>The first instant after the period (start + duration), as Time64.</summary>
    public Time64 End => Start.ToTime64().Add(Duration.ToTimeSpan());

    /// <summary>Whether <paramref name="time"/> lies in [start, start + duration).</summary>
    public bool Contains(Time64 time) => time >= Start.ToTime64() && time < End;

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt32(Start.Seconds);
        Duration.Encode(writer);
    }

    public static ValidityPeriod Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = new Time32(reader.ReadUInt32());
        reader.Push("duration");
        var duration = Duration.Decode(reader);
        reader.Pop();
        return new ValidityPeriod(start, duration);
    }
}
