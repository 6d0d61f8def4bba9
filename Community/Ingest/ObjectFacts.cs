using System.Text.Json.Nodes;
using Community.Analysis;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Ingest;

/// <summary>
/// Extracts, once at ingest, the facts the hub decides access, value and retention on: TLP level
/// (most restrictive marking, else the collection default), TLP:RED recipients, X.1371 threat types,
/// the products concerned, completeness, confidence, production time and expiry.
/// </summary>
public static class ObjectFacts
{
    /// <summary>The row to store for <paramref name="obj"/> posted by <paramref name="producer"/>.</summary>
    /// <exception cref="StixFormatException">The object is not I-JSON (an unpaired surrogate), so it has no canonical form.</exception>
    /// <param name="obj">The object.</param>
    /// <param name="collection">Its collection.</param>
    /// <param name="producer">Who posted it.</param>
    /// <param name="options">The hub's settings.</param>
    /// <param name="nowUs">Now.</param>
    /// <param name="canonical">Its RFC 8785 text when the caller has it already (the body stored); null computes it.</param>
    public static StoredObject Extract(JsonObject obj, HubCollection collection, string producer, HubOptions options, long nowUs, string? canonical = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(options);
        var stix = StixObject.FromJson(obj);
        var kind = stix.Kind;
        var tlp = kind is StixObjectKind.MarkingDefinition or StixObjectKind.ExtensionDefinition
            ? TlpLevel.Clear
            : Tlp.MostRestrictive(stix.ObjectMarkingRefs) ?? collection.Policy.DefaultTlp;
        var hub = (obj["extensions"] as JsonObject)?[HubExtension.Id] as JsonObject;
        var recipients = hub is null ? [] : StixObject.GetStringList(hub, HubExtension.Recipients);

        var threatTypes = stix.Labels.Where(l => X1371ThreatTypes.TryParseLabel(l, out _)).ToList();
        var makes = new List<string>();
        var models = new List<string>();
        var suppliers = new List<string>();
        if (AnomalyExtension.TryRead(obj, out var facts))
        {
            var label = X1371ThreatTypes.Label(facts!.ThreatType);
            if (!threatTypes.Contains(label))
            {
                threatTypes.Add(label);
            }

            makes.Add(facts.Make.ToLowerInvariant());
            models.Add(facts.Model.ToLowerInvariant());
            if (facts.Supplier is not null)
            {
                suppliers.Add(facts.Supplier.ToLowerInvariant());
            }
        }

        if (stix.Type == "software" && StixObject.GetString(obj, "vendor") is { } vendor)
        {
            suppliers.Add(vendor.ToLowerInvariant());
        }

        var version = stix.Version;
        var versionUs = version is { } v ? StixTimestamp.ToMicroseconds(v) : nowUs;
        var producedUs = version is { } p ? StixTimestamp.ToMicroseconds(p) : nowUs;

        return new StoredObject
        {
            CollectionId = collection.Id,
            StixId = stix.Id,
            StixType = stix.Type,
            VersionUs = versionUs,
            SpecVersion = stix.SpecVersion ?? "2.1",
            Producer = producer,
            Tlp = tlp,
            Recipients = recipients,
            ThreatTypes = threatTypes,
            Makes = makes,
            Models = models,
            Suppliers = suppliers,
            Completeness = ValueScorer.Completeness(obj),
            Confidence = JsonNumbers.TryGetInt64(obj["confidence"], out var confidence) ? (int)confidence : null,
            ProducedUs = producedUs,
            ExpiresUs = Expiry(obj, stix, hub, collection.Policy, options, nowUs),
            Revoked = stix.Revoked,
            Created = StixObject.GetString(obj, "created"),
            // Stored JSON-canonical (RFC 8785) and served byte for byte as stored.
            Body = canonical ?? JsonCanonicalizer.Canonicalize(obj),
        };
    }

    // X.1382 §9.3.1.2 c: the earliest of the collection's retention, the producer's retain_until,
    // an indicator's valid_until plus a grace period (obsolete), and revocation plus a grace period.
    private static long? Expiry(JsonObject obj, StixObject stix, JsonObject? hub, CollectionPolicy policy, HubOptions options, long nowUs)
    {
        var candidates = new List<long>();
        if (policy.Retention is { } retention)
        {
            candidates.Add(nowUs + (retention.Ticks / 10));
        }

        if (hub is not null && StixObject.GetTimestamp(hub, HubExtension.RetainUntil) is { } retainUntil)
        {
            candidates.Add(StixTimestamp.ToMicroseconds(retainUntil));
        }

        if (stix.Type == "indicator" && StixObject.GetTimestamp(obj, "valid_until") is { } validUntil)
        {
            candidates.Add(StixTimestamp.ToMicroseconds(validUntil) + (options.ObsoleteIndicatorGrace.Ticks / 10));
        }

        if (stix.Revoked)
        {
            candidates.Add(nowUs + (options.RevokedGrace.Ticks / 10));
        }

        return candidates.Count == 0 ? null : candidates.Min();
    }
}
