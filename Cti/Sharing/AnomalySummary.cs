using System.Text.Json.Nodes;
using Cti.Stix;

namespace Cti.Sharing;

/// <summary>
/// A desensitised anomaly summary as an on-board unit sends it upstream (ITU-T X.1382 §9.3.2):
/// an <c>observed-data</c> object carrying the <see cref="AnomalyExtension"/>, labelled with its
/// X.1371 threat type and TLP-marked, plus the cyber-observables it references. The summary's
/// <see cref="SummaryId"/> is chosen once, when the anomaly is recorded, so that re-sending the
/// same summary after a failure is idempotent at the hub.
/// </summary>
public sealed record AnomalySummary
{
    /// <summary>UUID of the observed-data object (the idempotency key).</summary>
    public required Guid SummaryId { get; init; }

    /// <summary>Pseudonymous vehicle identity (never the VIN).</summary>
    public required string VehiclePseudonym { get; init; }

    /// <summary>Vehicle make.</summary>
    public required string Make { get; init; }

    /// <summary>Vehicle model.</summary>
    public required string Model { get; init; }

    /// <summary>OBU firmware version.</summary>
    public required string FirmwareVersion { get; init; }

    /// <summary>Supplier of the affected component, when known.</summary>
    public string? Supplier { get; init; }

    /// <summary>The affected ECU, when known.</summary>
    public string? Ecu { get; init; }

    /// <summary>The detector that found the anomaly (lower-case words joined by hyphens).</summary>
    public required string Detector { get; init; }

    /// <summary>The anomaly class (lower-case words joined by hyphens).</summary>
    public required string AnomalyClass { get; init; }

    /// <summary>Graded result.</summary>
    public AnomalySeverity Severity { get; init; } = AnomalySeverity.Anomaly;

    /// <summary>X.1371 threat type (X.1382 Table 1 routes on it).</summary>
    public required X1371ThreatType ThreatType { get; init; }

    /// <summary>When the summary was made (becomes created and modified).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>First observation of the anomaly.</summary>
    public required DateTimeOffset FirstObserved { get; init; }

    /// <summary>Last observation of the anomaly.</summary>
    public required DateTimeOffset LastObserved { get; init; }

    /// <summary>How many times it was observed in the window (1..999,999,999).</summary>
    public int Count { get; init; } = 1;

    /// <summary>Coarse position, if the producer shares one.</summary>
    public CoarseLocation? Location { get; init; }

    /// <summary>Short detector evidence (no personal data).</summary>
    public string? Evidence { get; init; }

    /// <summary>TLP marking of the summary.</summary>
    public TlpLevel Tlp { get; init; } = TlpLevel.Green;

    /// <summary>The cyber-observables involved (build them with <see cref="Observables"/>).</summary>
    public IReadOnlyList<JsonObject> Observables { get; init; } = [];

    /// <summary>The identity of the producing organisation, if it signs its summaries.</summary>
    public string? CreatedByRef { get; init; }

    /// <summary>The observed-data identifier.</summary>
    public string ObservedDataId => StixId.Create("observed-data", SummaryId).ToString();

    /// <summary>The merge signature (<see cref="AnomalySignature"/>).</summary>
    public string Signature => AnomalySignature.Compute(
        Detector, AnomalyClass, Ecu, Make, Model, Observables.Select(o => StixObject.GetString(o, "id") ?? string.Empty));

    /// <summary>
    /// The STIX objects to post: the observables first, then the observed-data that references them.
    /// </summary>
    public IReadOnlyList<JsonObject> ToStixObjects()
    {
        if (Observables.Count == 0)
        {
            throw new InvalidOperationException("an anomaly summary references at least one observable (STIX 2.1 §4.14 object_refs)");
        }

        if (LastObserved < FirstObserved)
        {
            throw new InvalidOperationException("LastObserved is earlier than FirstObserved");
        }

        if (Count is < 1 or > 999_999_999)
        {
            throw new InvalidOperationException("Count is 1..999,999,999 (STIX 2.1 §4.14 number_observed)");
        }

        var ext = new JsonObject
        {
            ["extension_type"] = "property-extension",
            ["signature"] = Signature,
            ["vehicle"] = VehiclePseudonym,
            ["make"] = Make,
            ["model"] = Model,
            ["firmware_version"] = FirmwareVersion,
        };
        if (Supplier is not null)
        {
            ext["supplier"] = Supplier;
        }

        if (Ecu is not null)
        {
            ext["ecu"] = Ecu;
        }

        ext["detector"] = Detector;
        ext["anomaly_class"] = AnomalyClass;
        ext["severity"] = AnomalyExtension.SeverityValue(Severity);
        ext["threat_type"] = X1371ThreatTypes.Label(ThreatType);
        if (Location is { } loc)
        {
            ext["location"] = new JsonObject { ["latitude"] = loc.Latitude, ["longitude"] = loc.Longitude };
        }

        if (Evidence is not null)
        {
            ext["evidence"] = Evidence;
        }

        var created = StixTimestamp.Format(Created);
        var observed = new JsonObject
        {
            ["type"] = "observed-data",
            ["spec_version"] = "2.1",
            ["id"] = ObservedDataId,
        };
        if (CreatedByRef is not null)
        {
            observed["created_by_ref"] = CreatedByRef;
        }

        observed["created"] = created;
        observed["modified"] = created;
        observed["first_observed"] = StixTimestamp.Format(FirstObserved);
        observed["last_observed"] = StixTimestamp.Format(LastObserved);
        observed["number_observed"] = Count;
        observed["object_refs"] = new JsonArray(Observables.Select(o => (JsonNode)(StixObject.GetString(o, "id") ?? string.Empty)).ToArray());
        observed["labels"] = new JsonArray(X1371ThreatTypes.Label(ThreatType));
        observed["object_marking_refs"] = new JsonArray(Stix.Tlp.MarkingId(Tlp));
        observed["extensions"] = new JsonObject { [AnomalyExtension.Id] = ext };

        // The observables carry the summary's marking too (markings are not ID contributing, §2.9).
        var result = Observables.Select(o => (JsonObject)o.DeepClone()).ToList();
        foreach (var o in result.Where(o => !o.ContainsKey("object_marking_refs")))
        {
            o["object_marking_refs"] = new JsonArray(Stix.Tlp.MarkingId(Tlp));
        }

        result.Add(observed);
        return result;
    }
}
