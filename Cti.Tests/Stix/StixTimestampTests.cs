using Cti.Stix;

namespace Cti.Tests.Stix;

public class StixTimestampTests
{
    // STIX 2.1 §3.2: RFC 3339, UTC "Z", optional fraction of any length.
    public static TheoryData<string, string, string> Valid => new()
    {
        { "seconds only (§3.2 example form)", "2016-01-20T12:31:12Z", "2016-01-20T12:31:12.000000Z" },
        { "milliseconds (STIX spec examples)", "2016-04-06T20:03:48.000Z", "2016-04-06T20:03:48.000000Z" },
        { "microseconds (TAXII date_added)", "2014-05-08T09:00:00.123456Z", "2014-05-08T09:00:00.123456Z" },
        { "one fractional digit", "2018-03-22T12:11:14.1Z", "2018-03-22T12:11:14.100000Z" },
        { "nine digits truncated to 100 ns", "2020-02-29T23:59:59.123456789Z", "2020-02-29T23:59:59.123456Z" },
    };

    public static TheoryData<string, string> Invalid => new()
    {
        { "no zone designator", "2016-01-20T12:31:12" },
        { "numeric offset instead of Z", "2016-01-20T12:31:12+00:00" },
        { "lower-case t", "2016-01-20t12:31:12Z" },
        { "lower-case z", "2016-01-20T12:31:12z" },
        { "month 13", "2016-13-20T12:31:12Z" },
        { "30 February", "2016-02-30T12:31:12Z" },
        { "hour 24", "2016-01-20T24:00:00Z" },
        { "leap second", "2016-12-31T23:59:60Z" },
        { "empty fraction", "2016-01-20T12:31:12.Z" },
        { "missing seconds", "2016-01-20T12:31Z" },
        { "three-digit day (OASIS TLP 2.0 example's typo)", "2022-101-27T13:49:54.326Z" },
        { "not a timestamp", "yesterday" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_valid_timestamps(string name, string text, string microseconds)
    {
        Assert.True(StixTimestamp.TryParse(text, out var value), name);
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(microseconds, StixTimestamp.FormatMicroseconds(value));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_malformed_timestamps(string name, string text)
    {
        Assert.False(StixTimestamp.TryParse(text, out _), name);
        Assert.Throws<StixFormatException>(() => StixTimestamp.Parse(text));
    }

    [Fact]
    public void Formats_created_and_modified_with_millisecond_precision()
    {
        var t = new DateTimeOffset(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero).AddTicks(4567);
        Assert.Equal("2024-05-06T07:08:09.123Z", StixTimestamp.Format(t));
    }

    [Theory]
    [InlineData("epoch", "1970-01-01T00:00:00Z", 0L)]
    [InlineData("one microsecond", "1970-01-01T00:00:00.000001Z", 1L)]
    [InlineData("2016 example", "2016-04-06T20:03:48.000Z", 1459973028000000L)]
    public void Converts_to_and_from_microseconds(string name, string text, long microseconds)
    {
        var t = StixTimestamp.Parse(text);
        Assert.Equal(microseconds, StixTimestamp.ToMicroseconds(t));
        Assert.Equal(t, StixTimestamp.FromMicroseconds(microseconds));
        Assert.NotEmpty(name);
    }
}
