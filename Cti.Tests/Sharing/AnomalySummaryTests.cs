using System.Text.Json.Nodes;
using Cti.Sharing;
using Cti.Stix;
using Cti.Validation;

namespace Cti.Tests.Sharing;

public class AnomalySummaryTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    internal static AnomalySummary Sample(string vehicle = "pz-0001-abcdef", Guid? id = null) => new()
    {
        SummaryId = id ?? Guid.Parse("0b4f2a9e-6a52-4c43-9f0e-6c1d2b3a4f50"),
        VehiclePseudonym = vehicle,
        Make = "Acme",
        Model = "Roadster",
        FirmwareVersion = "2.4.1",
        Supplier = "TBoxCo",
        Ecu = "tbox",
        Detector = "boot-integrity",
        AnomalyClass = "hash-mismatch",
        Severity = AnomalySeverity.HighAnomaly,
        ThreatType = X1371ThreatType.UpdateProcedures,
        Created = T0,
        FirstObserved = T0.AddMinutes(-5),
        LastObserved = T0,
        Location = CoarseLocation.Round(48.137154, 11.576124, 2),
        Evidence = "bootloader stage 2 digest differs from the signed reference",
        Observables =
        [
            Observables.File("bl2.bin", "4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877"),
            Observables.Software("obu-firmware", "2.4.1", "Acme"),
        ],
    };

    [Fact]
    public void Produces_objects_that_validate_and_read_back()
    {
        var objects = Sample().ToStixObjects();
        var validator = new StixValidator(ExtensionRegistry.CreateDefault());
        foreach (var obj in objects)
        {
            Assert.Empty(validator.Validate(obj));
        }

        var observed = objects[^1];
        Assert.Equal("observed-data", observed["type"]!.GetValue<string>());
        Assert.True(AnomalyExtension.TryRead(observed, out var facts));
        Assert.Equal("pz-0001-abcdef", facts!.VehiclePseudonym);
        Assert.Equal(X1371ThreatType.UpdateProcedures, facts.ThreatType);
        Assert.Equal(AnomalySeverity.HighAnomaly, facts.Severity);
        Assert.Equal(48.14, facts.Location!.Value.Latitude);
        Assert.Equal(Sample().Signature, facts.Signature);
        Assert.Contains("x1371:update-procedures", StixObject.FromJson(observed).Labels);
        Assert.Equal(TlpLevel.Green, Tlp.MostRestrictive(StixObject.FromJson(observed).ObjectMarkingRefs));
    }

    [Theory]
    [InlineData("another vehicle", "pz-0002-abcdef", true)]
    [InlineData("same vehicle", "pz-0001-abcdef", true)]
    public void Signature_ignores_the_vehicle(string name, string vehicle, bool same)
    {
        Assert.Equal(same, Sample().Signature == Sample(vehicle, Guid.NewGuid()).Signature);
        Assert.NotEmpty(name);
    }

    [Theory]
    [InlineData("other detector")]
    [InlineData("other model")]
    [InlineData("other file")]
    public void Signature_distinguishes_different_anomalies(string change)
    {
        var a = Sample();
        var b = change switch
        {
            "other detector" => a with { Detector = "memory-guard" },
            "other model" => a with { Model = "Van" },
            _ => a with { Observables = [Observables.File("bl2.bin", new string('0', 64))] },
        };
        Assert.NotEqual(a.Signature, b.Signature);
    }

    [Theory]
    [InlineData("signature", "\"nothex\"", "$.signature")]
    [InlineData("vehicle", "\"short\"", "$.vehicle")]
    [InlineData("severity", "\"critical\"", "$.severity")]
    [InlineData("threat_type", "\"x1371:weather\"", "$.threat_type")]
    [InlineData("location", "{\"latitude\":91,\"longitude\":0}", "$.location")]
    [InlineData("colour", "\"red\"", "$.colour")]
    public void Validator_rejects_a_malformed_extension(string property, string value, string path)
    {
        var observed = Sample().ToStixObjects()[^1];
        var ext = (JsonObject)observed["extensions"]![AnomalyExtension.Id]!;
        ext[property] = JsonNode.Parse(value);
        var errors = new StixValidator(ExtensionRegistry.CreateDefault()).Validate(observed);
        Assert.Contains(errors, e => e.Path.EndsWith(path.TrimStart('$'), StringComparison.Ordinal) && e.Path.Contains(AnomalyExtension.Id, StringComparison.Ordinal));
        Assert.False(AnomalyExtension.TryRead(observed, out _));
    }

    [Fact]
    public void Coarse_location_rounds_and_rejects_impossible_positions()
    {
        var loc = CoarseLocation.Round(48.137154, -11.576124, 1);
        Assert.Equal(48.1, loc.Latitude);
        Assert.Equal(-11.6, loc.Longitude);
        Assert.Throws<ArgumentOutOfRangeException>(() => CoarseLocation.Round(90.5, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => CoarseLocation.Round(0, 0, 4));
    }
}
