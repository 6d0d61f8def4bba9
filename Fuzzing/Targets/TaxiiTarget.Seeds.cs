using System.Text;
using System.Text.Json.Nodes;
using Cti.Sharing;
using Cti.Stix;

namespace Fuzzing.Targets;

/// <summary>The TAXII seeds: envelopes of the anomaly summaries an OBU sends upstream (<see cref="AnomalySummary.ToStixObjects"/>).</summary>
public sealed partial class TaxiiTarget
{
    /// <inheritdoc />
    public IReadOnlyList<FuzzSeed> CreateSeeds(string fixtures)
    {
        var file = Summary(1, "boot-chain", "hash-mismatch", X1371ThreatType.UpdateProcedures,
            [Observables.File("bl2.bin", "4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877")], null);
        var process = Summary(2, "process", "unexpected-process", X1371ThreatType.PotentialVulnerabilities,
            [Observables.Process(new Guid("3c1e9f0a-1b2c-4d5e-8f90-a1b2c3d4e5f6"), Observables.File("miner"), "miner --pool 203.0.113.7")], CoarseLocation.Round(48.137, 11.575, 2));
        var network = Summary(3, "network", "unexpected-peer", X1371ThreatType.CommunicationChannels,
            [Observables.NetworkTraffic(Observables.Ipv4("203.0.113.7"), 4444, 0, "tcp"), Observables.DomainName("pool.example.net")], null);
        var software = Summary(4, "software", "unknown-version", X1371ThreatType.ExternalConnectivity,
            [Observables.Software("v2x-app", "9.9.9", "ACME")], null);
        return
        [
            new("boot-chain", Envelope(file.ToStixObjects())),
            new("process-with-location", Envelope(process.ToStixObjects())),
            new("network", Envelope(network.ToStixObjects())),
            new("software", Envelope(software.ToStixObjects())),
            new("two-summaries", Envelope([.. file.ToStixObjects(), .. network.ToStixObjects()])),
        ];
    }

    private static AnomalySummary Summary(int n, string detector, string anomalyClass, X1371ThreatType threat, IReadOnlyList<JsonObject> observables, CoarseLocation? location) => new()
    {
        SummaryId = new Guid($"00000000-0000-4000-8000-{n:x12}"),
        VehiclePseudonym = $"pz-{n:x8}",
        Make = "Acme",
        Model = "Roadster",
        FirmwareVersion = "2.4.1",
        Supplier = "TBoxCo",
        Ecu = "tbox",
        Detector = detector,
        AnomalyClass = anomalyClass,
        ThreatType = threat,
        Created = Now.AddHours(-1),
        FirstObserved = Now.AddHours(-2),
        LastObserved = Now.AddHours(-1),
        Location = location,
        Observables = observables,
    };

    private static byte[] Envelope(IEnumerable<JsonObject> objects) =>
        Encoding.UTF8.GetBytes(StixJson.Write(new JsonObject { ["objects"] = new JsonArray([.. objects.Select(o => (JsonNode)o.DeepClone())]) }));
}
