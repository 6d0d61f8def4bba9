using System.Text.Json.Nodes;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Tests.Infrastructure;

/// <summary>Builders of STIX objects for hub tests.</summary>
public static class Stix
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A valid indicator; <paramref name="n"/> picks its id.</summary>
    public static JsonObject Indicator(int n, TlpLevel? tlp = TlpLevel.Green, X1371ThreatType? threat = null, DateTimeOffset? modified = null, string? name = null)
    {
        var created = StixTimestamp.Format(T0.AddDays(-10));
        var obj = new JsonObject
        {
            ["type"] = "indicator",
            ["spec_version"] = "2.1",
            ["id"] = Id("indicator", n),
            ["created"] = created,
            ["modified"] = modified is { } m ? StixTimestamp.Format(m) : created,
            ["name"] = name ?? $"Indicator {n}",
            ["pattern"] = $"[file:name = 'sample-{n}.bin']",
            ["pattern_type"] = "stix",
            ["valid_from"] = created,
        };
        if (threat is { } t)
        {
            obj["labels"] = new JsonArray(X1371ThreatTypes.Label(t));
        }

        if (tlp is { } level)
        {
            obj["object_marking_refs"] = new JsonArray(Tlp.MarkingId(level));
        }

        return obj;
    }

    /// <summary>A deterministic UUIDv4-shaped id for test object <paramref name="n"/>.</summary>
    public static string Id(string type, int n) =>
        $"{type}--{n:x8}-0000-4000-8000-{n:x12}";

    /// <summary>An anomaly summary (SCOs first, observed-data last).</summary>
    public static AnomalySummary Summary(int vehicle, TlpLevel tlp = TlpLevel.Green, string detector = "boot-integrity", int? summaryNumber = null,
        X1371ThreatType threat = X1371ThreatType.UpdateProcedures) => new()
    {
        SummaryId = Guid.Parse($"{summaryNumber ?? vehicle:x8}-1111-4111-8111-{vehicle:x12}"),
        VehiclePseudonym = $"pz-{vehicle:x8}",
        Make = "Acme",
        Model = "Roadster",
        FirmwareVersion = "2.4.1",
        Supplier = "TBoxCo",
        Ecu = "tbox",
        Detector = detector,
        AnomalyClass = "hash-mismatch",
        Severity = AnomalySeverity.HighAnomaly,
        ThreatType = threat,
        Created = T0,
        FirstObserved = T0.AddMinutes(-vehicle % 60),
        LastObserved = T0.AddSeconds(vehicle % 3600),
        Tlp = tlp,
        Observables = [Observables.File("bl2.bin", "4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877")],
    };
}
