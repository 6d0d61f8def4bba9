using System.Text.Json.Nodes;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Analysis;

/// <summary>
/// Merges repeated anomaly summaries with the same signature into one indicator and one sighting
/// (ITU-T X.1382 Appendix II e, "merging of the similar threats"; §9.3.1.3). The sighting counts
/// reports (<c>count</c>) and distinct vehicles (hub extension <c>vehicle_count</c>) with the first
/// and last observation. Summaries marked CLEAR or GREEN merge across producers into objects the
/// hub produces; AMBER and AMBER+STRICT summaries merge per producer and level, keeping their
/// reach; RED summaries are not merged.
/// </summary>
public sealed class AnomalyMerger
{
    private readonly HubCore _core;

    public AnomalyMerger(HubCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        _core = core;
    }

    /// <summary>The group key of a summary: its signature plus the scope it may be shared in, or null when it is not merged.</summary>
    public string? GroupKey(string signature, StoredObject summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return GroupKey(signature, summary.Tlp, summary.Producer);
    }

    /// <summary>The group key of a summary of <paramref name="tlp"/> from <paramref name="producer"/>, or null when it is not merged.</summary>
    public static string? GroupKey(string signature, TlpLevel tlp, string producer) => tlp switch
    {
        TlpLevel.Clear or TlpLevel.Green => signature + "|community",
        TlpLevel.Amber or TlpLevel.AmberStrict => $"{signature}|{producer}|{(int)tlp}",
        _ => null,
    };

    /// <summary>
    /// Starts merging the summaries of one envelope: groups are read once, updated in memory and
    /// written once when the session is flushed (one new sighting version per envelope).
    /// </summary>
    public MergeSession BeginSession(IObjectBatch batch, HubCollection collection)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(collection);
        return new MergeSession(this, batch, collection);
    }

    // The stored groups of these keys; a group whose merged objects were erased (deleted or expired) is dropped and
    // starts afresh. Their indicators' heads are looked up in the same pass.
    internal static async Task<Dictionary<string, AnomalyGroup>> LoadGroupsAsync(IObjectBatch batch, HubCollection collection, IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken)
    {
        var groups = new Dictionary<string, AnomalyGroup>(await batch.GetAnomalyGroupsAsync(collection.Id, keys, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        await batch.PrefetchHeadsAsync(collection.Id, groups.Values.Select(g => g.IndicatorId).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var group in groups.Values.ToList())
        {
            if (!group.Revoked && await batch.GetHeadAsync(collection.Id, group.IndicatorId, cancellationToken).ConfigureAwait(false) is null)
            {
                await batch.DeleteAnomalyGroupAsync(collection.Id, group.GroupKey, cancellationToken).ConfigureAwait(false);
                groups.Remove(group.GroupKey);
            }
        }

        return groups;
    }

    // A new group for the first summary of a signature, with the indicator's pattern; null when
    // no observable of the summary can be matched on.
    internal async Task<(AnomalyGroup Group, string Pattern)?> NewGroupAsync(
        IObjectBatch batch,
        HubCollection collection,
        string key,
        StoredObject summaryRow,
        JsonObject summary,
        AnomalyFacts facts,
        IReadOnlyDictionary<string, JsonObject> envelope,
        long nowUs,
        CancellationToken cancellationToken)
    {
        var observables = new List<JsonObject>();
        foreach (var reference in StixObject.GetStringList(summary, "object_refs"))
        {
            if (envelope.TryGetValue(reference, out var o))
            {
                observables.Add(o);
            }
            else if (await batch.GetLatestBodyAsync(collection.Id, reference, cancellationToken).ConfigureAwait(false) is { } body &&
                     JsonNode.Parse(body) is JsonObject stored)
            {
                observables.Add(stored);
            }
        }

        // Resolve a process's image so the pattern can name it.
        foreach (var image in observables.ToList().Select(o => StixObject.GetString(o, "image_ref")).OfType<string>())
        {
            if (observables.All(o => StixObject.GetString(o, "id") != image) &&
                await batch.GetLatestBodyAsync(collection.Id, image, cancellationToken).ConfigureAwait(false) is { } body &&
                JsonNode.Parse(body) is JsonObject stored)
            {
                observables.Add(stored);
            }
        }

        if (IndicatorPatterns.FromObservables(observables) is not { } pattern)
        {
            return null;
        }

        var nowMs = nowUs / 1000 * 1000;
        var (firstUs, lastUs) = Observed(summary, nowUs);
        var group = new AnomalyGroup
        {
            CollectionId = collection.Id,
            GroupKey = key,
            Signature = facts.Signature,
            // STIX 2.1 §2.9: SDO and SRO ids SHOULD be UUIDv4. The ids live in the group, so groups made when they were
            // UUIDv5 over collection and group key keep theirs; a group that is erased and starts afresh gets new ones.
            IndicatorId = StixId.Create("indicator", _core.Options.NewGuid()).ToString(),
            SightingId = StixId.Create("sighting", _core.Options.NewGuid()).ToString(),
            Producer = summaryRow.Tlp <= TlpLevel.Green ? _core.Options.HubOrganisationId : summaryRow.Producer,
            Tlp = (int)summaryRow.Tlp,
            ThreatType = X1371ThreatTypes.Label(facts.ThreatType),
            Title = $"{facts.Detector}/{facts.AnomalyClass} on {facts.Make} {facts.Model}" + (facts.Ecu is null ? string.Empty : $" ({facts.Ecu})"),
            Make = facts.Make,
            Model = facts.Model,
            Supplier = facts.Supplier,
            FirstSeenUs = firstUs,
            LastSeenUs = lastUs,
            CreatedUs = nowMs,
            IndicatorModifiedUs = nowMs,
            SightingModifiedUs = nowMs - 1000,
        };
        return (group, pattern);
    }

    // first_observed / last_observed of a summary, in microseconds.
    internal static (long First, long Last) Observed(JsonObject summary, long nowUs) =>
        (StixTimestamp.ToMicroseconds(StixObject.GetTimestamp(summary, "first_observed") ?? StixTimestamp.FromMicroseconds(nowUs)),
         StixTimestamp.ToMicroseconds(StixObject.GetTimestamp(summary, "last_observed") ?? StixTimestamp.FromMicroseconds(nowUs)));

    // The rows of a group's merged objects for this envelope: the indicator when it changed (a new pattern or TLP) and a
    // new version of the sighting; returns the group with its new sighting version.
    internal async Task<(AnomalyGroup Group, IReadOnlyList<StoredObject> Rows)> RowsAsync(
        IObjectBatch batch,
        HubCollection collection,
        AnomalyGroup group,
        bool indicatorChanged,
        string? pattern,
        string? latestSummaryId,
        long nowUs,
        CancellationToken cancellationToken)
    {
        var nowMs = nowUs / 1000 * 1000;
        group = group with { SightingModifiedUs = Math.Max(nowMs, group.SightingModifiedUs + 1000) };
        var rows = new List<StoredObject>(2);
        if (indicatorChanged)
        {
            pattern ??= await CurrentPatternAsync(batch, group, cancellationToken).ConfigureAwait(false);
            rows.Add(Row(collection, group, Indicator(group, pattern, revoked: false), group.IndicatorModifiedUs));
        }

        rows.Add(Row(collection, group, Sighting(group, latestSummaryId, revoked: false), group.SightingModifiedUs));
        return (group, rows);
    }

    /// <summary>
    /// Revokes the merged objects of <paramref name="signature"/> (published as new versions with
    /// <c>revoked: true</c>, STIX 2.1 §3.6), and closes their groups.
    /// </summary>
    public async Task<int> RevokeAsync(IObjectBatch batch, HubCollection collection, IReadOnlyList<AnomalyGroup> groups, long nowUs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(groups);
        var nowMs = nowUs / 1000 * 1000;
        var revoked = 0;
        foreach (var original in groups.Where(g => !g.Revoked))
        {
            var group = original with
            {
                Revoked = true,
                IndicatorModifiedUs = Math.Max(nowMs, original.IndicatorModifiedUs + 1000),
                SightingModifiedUs = Math.Max(nowMs, original.SightingModifiedUs + 1000),
            };
            var pattern = await CurrentPatternAsync(batch, original, cancellationToken).ConfigureAwait(false);
            var expires = nowUs + (_core.Options.RevokedGrace.Ticks / 10);
            await batch.ReplaceAsync(Row(collection, group, Indicator(group, pattern, revoked: true), group.IndicatorModifiedUs) with { ExpiresUs = expires }, nowUs, cancellationToken)
                .ConfigureAwait(false);
            await batch.ReplaceAsync(Row(collection, group, Sighting(group, null, revoked: true), group.SightingModifiedUs) with { ExpiresUs = expires }, nowUs, cancellationToken)
                .ConfigureAwait(false);
            await batch.SaveAnomalyGroupAsync(group, cancellationToken).ConfigureAwait(false);
            revoked++;
        }

        return revoked;
    }

    private static async Task<string> CurrentPatternAsync(IObjectBatch batch, AnomalyGroup group, CancellationToken cancellationToken)
    {
        var body = await batch.GetLatestBodyAsync(group.CollectionId, group.IndicatorId, cancellationToken).ConfigureAwait(false);
        return body is not null && JsonNode.Parse(body) is JsonObject indicator && StixObject.GetString(indicator, "pattern") is { } p
            ? p
            : throw new InvalidOperationException($"the merged indicator {group.IndicatorId} is missing from the store");
    }

    private JsonObject Indicator(AnomalyGroup group, string pattern, bool revoked)
    {
        var indicator = new JsonObject
        {
            ["type"] = "indicator",
            ["spec_version"] = "2.1",
            ["id"] = group.IndicatorId,
            ["created_by_ref"] = _core.HubIdentityId,
            ["created"] = Ts(group.CreatedUs),
            ["modified"] = Ts(group.IndicatorModifiedUs),
            ["name"] = "Merged anomaly: " + group.Title,
            ["description"] = "Anomaly reported by vehicles of the community, merged by the sharing hub (ITU-T X.1382 Appendix II e). See the sighting for counts.",
            ["indicator_types"] = new JsonArray("anomalous-activity"),
            ["pattern"] = pattern,
            ["pattern_type"] = "stix",
            ["valid_from"] = Ts(group.FirstSeenUs),
        };
        if (revoked)
        {
            indicator["revoked"] = true;
        }

        if (group.ThreatType is not null)
        {
            indicator["labels"] = new JsonArray(group.ThreatType);
        }

        indicator["object_marking_refs"] = new JsonArray(Tlp.MarkingId((TlpLevel)group.Tlp));
        indicator["extensions"] = new JsonObject
        {
            [HubExtension.Id] = new JsonObject
            {
                ["extension_type"] = "property-extension",
                [HubExtension.AnomalySignature] = group.Signature,
            },
        };
        return indicator;
    }

    private JsonObject Sighting(AnomalyGroup group, string? latestSummaryId, bool revoked)
    {
        var sighting = new JsonObject
        {
            ["type"] = "sighting",
            ["spec_version"] = "2.1",
            ["id"] = group.SightingId,
            ["created_by_ref"] = _core.HubIdentityId,
            ["created"] = Ts(group.CreatedUs),
            ["modified"] = Ts(group.SightingModifiedUs),
            ["first_seen"] = Ts(group.FirstSeenUs),
            ["last_seen"] = Ts(group.LastSeenUs),
            ["count"] = Math.Min(group.ReportCount, 999_999_999),
            ["sighting_of_ref"] = group.IndicatorId,
        };
        if (latestSummaryId is not null)
        {
            sighting["observed_data_refs"] = new JsonArray(latestSummaryId);
        }

        if (revoked)
        {
            sighting["revoked"] = true;
        }

        if (group.ThreatType is not null)
        {
            sighting["labels"] = new JsonArray(group.ThreatType);
        }

        sighting["object_marking_refs"] = new JsonArray(Tlp.MarkingId((TlpLevel)group.Tlp));
        sighting["extensions"] = new JsonObject
        {
            [HubExtension.Id] = new JsonObject
            {
                ["extension_type"] = "property-extension",
                [HubExtension.AnomalySignature] = group.Signature,
                [HubExtension.VehicleCount] = group.VehicleCount,
                [HubExtension.ReportCount] = group.ReportCount,
                [HubExtension.FirstSeen] = Ts(group.FirstSeenUs),
                [HubExtension.LastSeen] = Ts(group.LastSeenUs),
            },
        };
        return sighting;
    }

    // Merged objects stay while the anomaly is being reported; the retention job erases a group whose
    // last sighting is older than the collection's retention (and revoked ones after a grace period).
    private StoredObject Row(HubCollection collection, AnomalyGroup group, JsonObject obj, long versionUs) => new()
    {
        CollectionId = collection.Id,
        StixId = StixObject.GetString(obj, "id")!,
        StixType = StixObject.GetString(obj, "type")!,
        VersionUs = versionUs,
        Producer = group.Producer,
        Tlp = (TlpLevel)group.Tlp,
        ThreatTypes = group.ThreatType is null ? [] : [group.ThreatType],
        Makes = group.Make is null ? [] : [group.Make.ToLowerInvariant()],
        Models = group.Model is null ? [] : [group.Model.ToLowerInvariant()],
        Suppliers = group.Supplier is null ? [] : [group.Supplier.ToLowerInvariant()],
        Completeness = ValueScorer.Completeness(obj),
        Corroboration = group.VehicleCount,
        ProducedUs = group.LastSeenUs,
        ExpiresUs = null,
        Revoked = obj["revoked"] is not null,
        Created = StixObject.GetString(obj, "created"),
        Body = JsonCanonicalizer.Canonicalize(obj),
    };

    private static string Ts(long us) => StixTimestamp.Format(StixTimestamp.FromMicroseconds(us));
}
