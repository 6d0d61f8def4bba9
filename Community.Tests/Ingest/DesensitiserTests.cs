using System.Text.Json.Nodes;
using Community.Ingest;
using Community.Membership;

namespace Community.Tests.Ingest;

public class DesensitiserTests
{
    private static readonly CollectionPolicy Policy = new() { CoordinateDecimals = 2 };

    // 49 CFR 565.15 check digit: "1M8GDM9AXKP042788" is the regulation's worked example (check digit X);
    // "1HGCM82633A004352" is a Honda VIN cited in NHTSA's VIN decoder documentation.
    [Theory]
    [InlineData("49 CFR 565 example, check digit X", "1M8GDM9AXKP042788", true)]
    [InlineData("Honda example", "1HGCM82633A004352", true)]
    [InlineData("example with a wrong check digit", "1M8GDM9A1KP042788", false)]
    [InlineData("16 characters", "1M8GDM9AXKP04278", false)]
    public void Verifies_the_vin_check_digit(string name, string vin, bool valid)
    {
        Assert.Equal(valid, Desensitiser.VinCheckDigitValid(vin));
        Assert.NotEmpty(name);
    }

    // 3GPP TS 23.003 §6.2.1: the IMEI check digit is Luhn over the first 14 digits.
    [Theory]
    [InlineData("GSMA example IMEI", "490154203237518", true)]
    [InlineData("last digit changed", "490154203237519", false)]
    [InlineData("Luhn example of ISO/IEC 7812-1", "79927398713", true)]
    public void Verifies_luhn(string name, string digits, bool valid)
    {
        Assert.Equal(valid, Desensitiser.LuhnValid(digits));
        Assert.NotEmpty(name);
    }

    // (row, JSON of an object's property, kind expected or null when clean)
    public static TheoryData<string, string, string?> Rows => new()
    {
        { "VIN with check digit in text", "\"description\":\"car 1M8GDM9AXKP042788 failed\"", "vin" },
        { "European VIN without check digit", "\"description\":\"WVWZZZ1JZXW000001 crashed\"", "vin" },
        { "lower-case VIN", "\"description\":\"1m8gdm9axkp042788\"", "vin" },
        { "VIN inside a pattern string", "\"pattern\":\"[x-vehicle:vin = '1M8GDM9AXKP042788']\"", "vin" },
        { "UK plate", "\"description\":\"plate AB12 CDE seen\"", "plate" },
        { "French plate", "\"description\":\"AB-123-CD\"", "plate" },
        { "German plate", "\"description\":\"Kennzeichen M-AB 1234\"", "plate" },
        { "Chinese plate", "\"description\":\"京A12345\"", "plate" },
        { "plate by property name", "\"license_plate\":\"XYZ\"", "plate" },
        { "IMEI", "\"description\":\"modem 490154203237518\"", "imei" },
        { "IMEI with separators", "\"description\":\"49-015420-323751-8\"", "imei" },
        { "IMSI", "\"description\":\"sim 262011234567890\"", "imsi" },
        { "IMEI as a number", "\"x\":490154203237518", "imei" },
        { "precise position pair", "\"description\":\"at 48.137154, 11.576124\"", "position" },
        { "precise latitude number", "\"latitude\":48.137154", "position" },
        { "degrees minutes seconds", "\"description\":\"48°08'13.8\\\"N\"", "position" },
        { "owner phrase", "\"description\":\"owner: Hans Müller\"", "person" },
        { "honorific", "\"description\":\"reported by Dr. Marie Curie\"", "person" },
        { "person by property name", "\"driver_name\":\"anyone\"", "person" },
        { "e-mail", "\"description\":\"mail jane.doe@example.com\"", "email" },
        { "coarse position is fine", "\"latitude\":48.14", null },
        { "coarse pair is fine", "\"description\":\"near 48.14, 11.58\"", null },
        { "version numbers are fine", "\"description\":\"firmware 2.4.1 on model Roadster\"", null },
        { "SHA-256 is fine", "\"hashes\":{\"SHA-256\":\"4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877\"}", null },
        { "timestamps are fine", "\"first_seen\":\"2016-04-06T20:03:48.123Z\"", null },
        { "STIX ids are fine", "\"sighting_of_ref\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"", null },
        { "CVE ids are fine", "\"description\":\"CVE-2016-1234\"", null },
        { "ordinary text is fine", "\"description\":\"bootloader stage 2 digest differs from the signed reference\"", null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Finds_and_scrubs_identifying_data(string name, string property, string? kind)
    {
        var obj = JsonNode.Parse("{" + property + "}")!.AsObject();
        var original = obj.ToJsonString();
        var found = Desensitiser.Apply(obj, Policy, scrub: false);
        Assert.True(kind is null ? found.Count == 0 : found.Any(f => f.Kind == kind), $"{name}: found [{string.Join(", ", found)}]");
        Assert.Equal(original, obj.ToJsonString());

        var scrubbed = Desensitiser.Apply(obj, Policy, scrub: true);
        Assert.Equal(found.Count, scrubbed.Count);
        Assert.Empty(Desensitiser.Apply(obj, Policy, scrub: false));
        if (kind is null)
        {
            Assert.Equal(original, obj.ToJsonString());
        }
    }

    [Fact]
    public void Scrubs_an_individual_identity_entirely()
    {
        var identity = JsonNode.Parse("""{"type":"identity","identity_class":"individual","name":"Jane Doe","contact_information":"+49 89 1234"}""")!.AsObject();
        var found = Desensitiser.Apply(identity, Policy, scrub: true);
        Assert.Equal(2, found.Count(f => f.Kind == "person"));
        Assert.Equal("REDACTED-PERSON", (string)identity["name"]!);
    }

    [Fact]
    public void Rounds_coordinates_to_the_collection_precision()
    {
        var obj = JsonNode.Parse("""{"location":{"latitude":48.137154,"longitude":-11.576124},"description":"at 48.137154;11.576124"}""")!.AsObject();
        Desensitiser.Apply(obj, Policy with { CoordinateDecimals = 1 }, scrub: true);
        Assert.Equal(48.1, (double)obj["location"]!["latitude"]!);
        Assert.Equal(-11.6, (double)obj["location"]!["longitude"]!);
        Assert.Equal("at 48.1;11.6", (string)obj["description"]!);
    }
}
