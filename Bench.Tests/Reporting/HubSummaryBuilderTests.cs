using System.Text.Json.Nodes;
using Bench.Reporting;
using Cti.Sharing;

namespace Bench.Tests.Reporting;

/// <summary>
/// What the hub holds, read against what each OBU's forwarder had acknowledged: the objects the hub builds from
/// a summary (Docs/community.md "Merging": one indicator and one sighting per signature) are found by the
/// signature of the tampered OBU's summary; a summary the hub holds from another OBU is not counted as its.
/// </summary>
public class HubSummaryBuilderTests
{
    private const string Signature = "aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11";
    private const string OtherSignature = "bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22";
    private const string TamperedSummary = "observed-data--6f0e7c1a-7c43-4b8e-9d0e-0c9b1a2d3e4f";
    private const string OtherSummary = "observed-data--1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";
    private static readonly DateTimeOffset TamperAt = new(2026, 3, 1, 12, 0, 10, TimeSpan.Zero);

    public static TheoryData<string, int, int, bool, int?, int?> Rows => new()
    {
        // row, held, summaries with its signature, indicator, sighting count, vehicles
        { "the tampered OBU's summary merged into an indicator and a sighting", 1, 1, true, 1, 1 },
        { "two vehicles reported the same anomaly", 1, 2, true, 2, 2 },
        { "the hub holds the summary but built no sighting", 1, 1, true, null, null },
        { "the hub holds only another OBU's summary", 0, 0, false, null, null },
        { "the tampered OBU's summary was acknowledged but is not held", 0, 0, false, null, null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Finds_the_tampered_OBUs_summary_and_its_merged_objects(string row, int held, int summaries, bool indicator, int? count, int? vehicles)
    {
        var objects = new List<JsonObject> { Summary(OtherSummary, OtherSignature, "x1371:update-procedures") };
        switch (row)
        {
            case "the tampered OBU's summary merged into an indicator and a sighting":
                objects.AddRange([Summary(TamperedSummary, Signature), Merged("indicator", Signature), Sighting(Signature, 1, 1)]);
                break;
            case "two vehicles reported the same anomaly":
                objects.AddRange([Summary(TamperedSummary, Signature), Summary("observed-data--9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", Signature),
                    Merged("indicator", Signature), Sighting(Signature, 2, 2)]);
                break;
            case "the hub holds the summary but built no sighting":
                objects.AddRange([Summary(TamperedSummary, Signature), Merged("indicator", Signature)]);
                break;
            case "the hub holds only another OBU's summary":
                objects.AddRange([Merged("indicator", OtherSignature), Sighting(OtherSignature, 1, 1)]);
                break;
            case "the tampered OBU's summary was acknowledged but is not held":
                break;
        }

        var hub = HubSummaryBuilder.Build(objects, Inputs());

        Assert.Equal(1, hub.TamperedPosted);
        Assert.Equal(1, hub.OthersPosted);
        Assert.Equal(held, hub.TamperedHeld);
        if (held == 0)
        {
            Assert.Empty(hub.TamperedAnomalies);
            return;
        }

        var anomaly = Assert.Single(hub.TamperedAnomalies);
        Assert.Equal((Signature, "x1371:attack-targets-motivations", "process-unexpected"), (anomaly.Signature, anomaly.ThreatType, anomaly.AnomalyClass));
        Assert.Equal((summaries, indicator, count, vehicles), (anomaly.Summaries, anomaly.Indicator, anomaly.SightingCount, anomaly.Vehicles));
    }

    [Fact]
    public void Counts_objects_by_type_and_summaries_by_threat_type_and_times_the_first_acknowledgement()
    {
        var hub = HubSummaryBuilder.Build(
            [Summary(OtherSummary, OtherSignature, "x1371:update-procedures"), Summary(TamperedSummary, Signature), Merged("indicator", Signature), Sighting(Signature, 1, 1)],
            Inputs());

        Assert.Equal(new Dictionary<string, int> { ["indicator"] = 1, ["observed-data"] = 2, ["sighting"] = 1 }, hub.ObjectsByType);
        Assert.Equal(new Dictionary<string, int> { ["x1371:attack-targets-motivations"] = 1, ["x1371:update-procedures"] = 1 }, hub.SummariesByThreatType);
        Assert.Equal(2500, hub.FirstSummaryAfterMs);
        Assert.Equal("indicator 1, observed-data 2, sighting 1", HubSummaryBuilder.Counts(hub.ObjectsByType));
        Assert.Equal("empty", HubSummaryBuilder.Counts(new Dictionary<string, int>()));
    }

    private static HubSummaryBuilder.Inputs Inputs() => new("http://127.0.0.1:1/hub/", "collection", "hub.db", "obu-3", TamperAt,
        new Dictionary<string, (IReadOnlySet<string>, DateTimeOffset?)>(StringComparer.Ordinal)
        {
            ["obu-3"] = (new HashSet<string>(StringComparer.Ordinal) { TamperedSummary }, TamperAt.AddSeconds(2.5)),
            ["obu-1"] = (new HashSet<string>(StringComparer.Ordinal) { OtherSummary }, TamperAt.AddSeconds(1)),
            ["obu-2"] = (new HashSet<string>(StringComparer.Ordinal), null),
        });

    // The shapes the hub serves (Docs/community.md, the anomaly summary extension and the hub extension).
    private static JsonObject Summary(string id, string signature, string threat = "x1371:attack-targets-motivations") => new()
    {
        ["type"] = "observed-data",
        ["id"] = id,
        ["extensions"] = new JsonObject
        {
            [AnomalyExtension.Id] = new JsonObject
            {
                ["extension_type"] = "property-extension",
                ["signature"] = signature,
                ["threat_type"] = threat,
                ["anomaly_class"] = threat == "x1371:update-procedures" ? "image-modified" : "process-unexpected",
            },
        },
    };

    private static JsonObject Merged(string type, string signature) => new()
    {
        ["type"] = type,
        ["id"] = $"{type}--0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e",
        ["extensions"] = new JsonObject { [HubExtension.Id] = new JsonObject { [HubExtension.AnomalySignature] = signature } },
    };

    private static JsonObject Sighting(string signature, int count, int vehicles)
    {
        var sighting = Merged("sighting", signature);
        sighting["count"] = count;
        ((JsonObject)sighting["extensions"]![HubExtension.Id]!)[HubExtension.VehicleCount] = vehicles;
        return sighting;
    }
}
