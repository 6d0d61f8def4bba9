using System.Text.Json.Nodes;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Analysis;

/// <summary>
/// The automatic value score of ITU-T X.1382 §9.3.1.3 a, following the five factors of Appendix II,
/// each 0..1, weighted, scaled to 0..100 for one reader:
/// a) reputation of the source (per member, set by the administrator);
/// b) timeliness (halves every <see cref="ValuationOptions.TimelinessHalfLife"/>);
/// c) completeness (share of contextual properties present, measured at ingest);
/// d) relevance to the reader (their makes, models and suppliers against the object's);
/// e) effectiveness (vehicles corroborating a merged anomaly, else the producer's confidence).
/// </summary>
public sealed class ValueScorer
{
    private static readonly string[] CommonContext = ["name", "description", "created_by_ref", "external_references", "labels", "confidence", "object_marking_refs"];

    private static readonly Dictionary<string, string[]> TypeContext = new(StringComparer.Ordinal)
    {
        ["indicator"] = ["indicator_types", "kill_chain_phases", "valid_until", "pattern_version"],
        ["malware"] = ["malware_types", "kill_chain_phases", "capabilities", "first_seen"],
        ["attack-pattern"] = ["kill_chain_phases", "aliases"],
        ["vulnerability"] = [],
        ["report"] = ["report_types"],
        ["sighting"] = ["first_seen", "last_seen", "count", "observed_data_refs", "where_sighted_refs"],
        ["observed-data"] = [],
    };

    private static readonly string[] AnomalyContext = ["supplier", "ecu", "location", "evidence"];

    private readonly ValuationOptions _options;

    public ValueScorer(ValuationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The score 0..100 of <paramref name="obj"/> for <paramref name="reader"/> at <paramref name="nowUs"/>.</summary>
    public int Score(StoredObject obj, Organisation? producer, Organisation? reader, long nowUs, string hubOrganisationId)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reputation = obj.Producer == hubOrganisationId ? _options.HubReputation : producer?.Reputation ?? 0.5;
        var ageUs = Math.Max(0, nowUs - obj.ProducedUs);
        var halfLifeUs = _options.TimelinessHalfLife.Ticks / 10.0;
        var timeliness = Math.Pow(0.5, ageUs / halfLifeUs);
        var relevance = Relevance(obj, reader);
        var effectiveness = Effectiveness(obj);
        var weighted =
            (_options.ReputationWeight * Clamp(reputation)) +
            (_options.TimelinessWeight * timeliness) +
            (_options.CompletenessWeight * Clamp(obj.Completeness)) +
            (_options.RelevanceWeight * relevance) +
            (_options.EffectivenessWeight * effectiveness);
        var total = _options.ReputationWeight + _options.TimelinessWeight + _options.CompletenessWeight + _options.RelevanceWeight + _options.EffectivenessWeight;
        return total <= 0 ? 0 : (int)Math.Round(100 * weighted / total, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Appendix II d: 1 when a reader's model is concerned, 0.8 for its make, 0.7 for one of its
    /// suppliers, 0 when the object concerns other products only, 0.3 when it names no product.
    /// </summary>
    public static double Relevance(StoredObject obj, Organisation? reader)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.Makes.Count == 0 && obj.Models.Count == 0 && obj.Suppliers.Count == 0)
        {
            return 0.3;
        }

        if (reader is null)
        {
            return 0;
        }

        static bool Any(IReadOnlyList<string> mine, IReadOnlyList<string> theirs) =>
            theirs.Any(t => mine.Any(m => string.Equals(m, t, StringComparison.OrdinalIgnoreCase)));

        if (Any(reader.Models, obj.Models))
        {
            return 1.0;
        }

        if (Any(reader.Makes, obj.Makes))
        {
            return 0.8;
        }

        return Any(reader.Suppliers, obj.Suppliers) ? 0.7 : 0.0;
    }

    /// <summary>Appendix II e: log-scaled vehicle count of merged anomalies, else confidence, else 0.5.</summary>
    public double Effectiveness(StoredObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.Corroboration > 0)
        {
            var full = Math.Log10(1 + Math.Max(1, _options.FullCorroborationVehicles));
            return Clamp(Math.Log10(1 + obj.Corroboration) / full);
        }

        return obj.Confidence is { } c ? Clamp(c / 100.0) : 0.5;
    }

    /// <summary>Appendix II c: the share of contextual properties present, measured once at ingest.</summary>
    public static double Completeness(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var type = StixObject.GetString(obj, "type") ?? string.Empty;
        var candidates = CommonContext.Concat(TypeContext.GetValueOrDefault(type, [])).ToList();
        var present = candidates.Count(obj.ContainsKey);
        if ((obj["extensions"] as JsonObject)?[AnomalyExtension.Id] is JsonObject anomaly)
        {
            candidates.AddRange(AnomalyContext);
            present += AnomalyContext.Count(anomaly.ContainsKey);
        }

        return candidates.Count == 0 ? 0 : (double)present / candidates.Count;
    }

    private static double Clamp(double v) => v < 0 ? 0 : v > 1 ? 1 : v;
}
