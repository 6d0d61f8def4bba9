using System.Text.Json.Nodes;
using Cti.Sharing;
using Firmware.Upstream;
using Firmware.Upstream.Desensitising;
using Firmware.Tests.Upstream.Support;

namespace Firmware.Tests.Upstream.Desensitising;

/// <summary>
/// The last gate before a summary leaves the OBU: identifying shapes found in free values (with
/// published examples: the 49 CFR 565 check-digit VIN, an IMEI with its Luhn digit from 3GPP
/// TS 23.003), none found in what the builder writes, and a finding for every structural value out
/// of shape in a real summary.
/// </summary>
public sealed class LeakCheckTests
{
    private static readonly LeakCheck Check = new(new LocationGrid(0.1m), TimeSpan.FromHours(1), ["WVWZZZ1JZXW000001", "M-XY 4321"], ["Acme", "Roadster"]);

    public static TheoryData<string, string, string> Identifying => new()
    {
        { "VIN with check digit (49 CFR 565.15 example)", "vin 1M8GDM9AXKP042788 read", "vin" },
        { "VIN in lower case", "1m8gdm9axkp042788", "vin" },
        { "VIN without check digit", "VF1AB000123456789", "vin" },
        { "the vehicle's own plate, any case", "m-xy 4321", "identifier" },
        { "UK plate", "AB12 CDE", "plate" },
        { "French plate", "AB-123-CD", "plate" },
        { "German plate", "M-AB 1234", "plate" },
        { "German plate with spaces", "B AB 123", "plate" },
        { "German plate as a process name (found by the leak test)", "M-WM-4459", "plate" },
        { "UK plate as a file name", "AB12_CDE", "plate" },
        { "French plate without separators", "AB123CD", "plate" },
        { "Spanish plate dotted", "1234.BCD", "plate" },
        { "Spanish plate", "1234 BCD", "plate" },
        { "Dutch plate", "12-ABC-3", "plate" },
        { "Chinese plate", "京A12345", "plate" },
        { "US plate", "7ABC123", "plate" },
        { "IMEI (3GPP TS 23.003 example with Luhn digit)", "490154203237518", "imei-imsi" },
        { "IMEI grouped", "49 015420 323751 8", "imei-imsi" },
        { "IMSI", "310150123456789", "imei-imsi" },
        { "phone", "call +49 89 1234567", "phone" },
        { "e-mail", "jane.doe@example.com", "email" },
        { "honorific", "Frau Müller", "person" },
        { "owner phrase", "owner: jane", "person" },
        { "full name", "Hans Müller", "person" },
        { "full name as a user name", "Jane_Doe", "person" },
        { "precise latitude", "at 48.137154", "position" },
        { "degrees and minutes", "48°08'13.8\"N", "position" },
    };

    [Theory]
    [MemberData(nameof(Identifying))]
    public void Identifying_values_are_found(string name, string text, string kind)
    {
        Assert.True(Check.KindsIn(text).Contains(kind), $"{name}: {string.Join(",", Check.KindsIn(text))}");
    }

    public static TheoryData<string> Harmless => new()
    {
        "rule=process-unexpected level=high-anomaly",
        "rule=network-throughput level=anomaly value=1048576 x=65536 y=1048576",
        "rule=memory-heap level=high-anomaly value=0.95 x=0.75 y=0.9",
        "miner", "v2x-app", "can-gw", "obu-firmware", "1.0.0", "2.4.1-rc1", "x1371:update-procedures", "2.1", "ipv4", "Acme", "Roadster",
        "obu-mzxw6ytboimzxw6ytboimzxw6y", "property-extension", "203.0.113.5",
    };

    [Theory]
    [MemberData(nameof(Harmless))]
    public void What_the_builder_writes_is_not_flagged(string text)
    {
        Assert.Empty(Check.KindsIn(text));
    }

    private static IReadOnlyList<JsonObject> CleanSummary()
    {
        var options = new UpstreamOptions { QueuePath = "unused", CollectionId = "c", Make = "Acme", Model = "Roadster" };
        var d = new Desensitiser(options, new byte[32]);
        var time = new DateTimeOffset(2026, 3, 1, 10, 17, 0, TimeSpan.Zero);
        var fix = new Hardware.Positioning.PositionFix(true, 48.137154, 11.576124, null, null, null, time, 5);
        return Assert.Single(d.Desensitise(Reports.With(time, Reports.RogueProcess()), time, fix).Ready).Objects;
    }

    public static TheoryData<string, string, string, string> Tampered => new()
    {
        { "VIN as the vehicle", "vehicle", "WVWZZZ1JZXW000001", "identifier" },
        { "a precise location", "location", "precise", "position" },
        { "evidence with an IMEI", "evidence", "value=490154203237518", "imei-imsi" },
        { "evidence with a name", "evidence", "seen by Hans Müller", "person" },
        { "a timestamp off the bucket grid", "created", "2026-03-01T10:17:00.000Z", "time" },
        { "a property named like the owner", "owner_name", "qqq", "field" },
        { "a signature that is not a hash", "signature", "abc", "structure" },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void A_summary_with_a_value_out_of_shape_is_flagged_where_it_is(string name, string property, string value, string kind)
    {
        var objects = CleanSummary().Select(o => (JsonObject)o.DeepClone()).ToList();
        Assert.Empty(Check.Scan(objects));
        var observed = objects[^1];
        var ext = (JsonObject)observed["extensions"]![AnomalyExtension.Id]!;
        switch (property)
        {
            case "created":
                observed["created"] = value;
                break;
            case "location":
                ext["location"] = new JsonObject { ["latitude"] = 48.137154, ["longitude"] = 11.576124 };
                break;
            default:
                ext[property] = value;
                break;
        }

        var findings = Check.Scan(objects);
        Assert.True(findings.Any(f => f.Kind == kind && f.Path.StartsWith($"$[{objects.Count - 1}]", StringComparison.Ordinal)),
            $"{name}: {string.Join("; ", findings.Select(f => f.Kind + "@" + f.Path))}");
        Assert.All(findings, f => Assert.DoesNotContain(value, f.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void A_location_is_refused_when_the_forwarder_sends_none()
    {
        var noGrid = new LeakCheck(null, TimeSpan.FromHours(1), [], []);
        Assert.Contains(noGrid.Scan(CleanSummary()), f => f.Kind == "position");
    }
}
