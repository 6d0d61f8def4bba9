using System.Text.Json.Nodes;
using Community.Membership;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Analysis;

/// <summary>
/// The merging of one envelope's anomaly summaries into their groups (ITU-T X.1382 Appendix II e):
/// each group is read from the batch once, counted in memory, and written once by
/// <see cref="FlushAsync"/>, so a burst of reports yields one new sighting version.
/// </summary>
public sealed class MergeSession
{
    private readonly AnomalyMerger _merger;
    private readonly IObjectBatch _batch;
    private readonly HubCollection _collection;
    private readonly Dictionary<string, State?> _groups = new(StringComparer.Ordinal);

    internal MergeSession(AnomalyMerger merger, IObjectBatch batch, HubCollection collection)
    {
        _merger = merger;
        _batch = batch;
        _collection = collection;
    }

    /// <summary>Loads the groups of <paramref name="keys"/> (an envelope's summaries) in one pass, so that counting them needs no query each.</summary>
    public async Task PrefetchAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var unknown = keys.Where(k => !_groups.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var loaded = await AnomalyMerger.LoadGroupsAsync(_batch, _collection, unknown, cancellationToken).ConfigureAwait(false);
        foreach (var key in unknown)
        {
            _groups[key] = loaded.TryGetValue(key, out var group) ? new State(group) : null;
        }
    }

    /// <summary>Counts one new summary (never a re-sent one) in its group.</summary>
    public async Task AddAsync(StoredObject summaryRow, JsonObject summary, AnomalyFacts facts, IReadOnlyDictionary<string, JsonObject> envelope, long nowUs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summaryRow);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(envelope);
        if (_merger.GroupKey(facts.Signature, summaryRow) is not { } key)
        {
            return;
        }

        if (!_groups.ContainsKey(key))
        {
            await PrefetchAsync([key], cancellationToken).ConfigureAwait(false);
        }

        var state = _groups[key];

        if (state?.Group.Revoked == true)
        {
            return;
        }

        if (state is null)
        {
            if (await _merger.NewGroupAsync(_batch, _collection, key, summaryRow, summary, facts, envelope, nowUs, cancellationToken).ConfigureAwait(false) is not { } created)
            {
                return;
            }

            state = new State(created.Group) { IndicatorChanged = true, Pattern = created.Pattern };
            _groups[key] = state;
        }
        else if ((int)summaryRow.Tlp > state.Group.Tlp)
        {
            // A GREEN summary joining a CLEAR group makes the merged objects GREEN (never less restrictive).
            state.Group = state.Group with { Tlp = (int)summaryRow.Tlp, IndicatorModifiedUs = Math.Max(nowUs / 1000 * 1000, state.Group.IndicatorModifiedUs + 1000) };
            state.IndicatorChanged = true;
        }

        // Vehicles are counted when the session is flushed, all of a group's in one statement.
        state.Vehicles.Add(facts.VehiclePseudonym);
        var (firstUs, lastUs) = AnomalyMerger.Observed(summary, nowUs);
        state.Group = state.Group with
        {
            ReportCount = state.Group.ReportCount + 1,
            FirstSeenUs = Math.Min(state.Group.FirstSeenUs, firstUs),
            LastSeenUs = Math.Max(state.Group.LastSeenUs, lastUs),
        };
        state.LatestSummaryId = summaryRow.StixId;
        state.Dirty = true;
    }

    /// <summary>
    /// Writes every group that changed: the vehicles new to each group in one statement, the merged objects' new
    /// versions in one replacement, the groups in one upsert.
    /// </summary>
    public async Task FlushAsync(long nowUs, CancellationToken cancellationToken)
    {
        var dirty = _groups.Values.OfType<State>().Where(s => s.Dirty).ToList();
        if (dirty.Count == 0)
        {
            return;
        }

        var newVehicles = await _batch.AddAnomalyVehiclesAsync(_collection.Id, dirty.SelectMany(s => s.Vehicles.Select(v => (s.Group.GroupKey, v))).ToList(), cancellationToken)
            .ConfigureAwait(false);
        var rows = new List<StoredObject>(dirty.Count * 2);
        foreach (var state in dirty)
        {
            var counted = state.Group with { VehicleCount = state.Group.VehicleCount + newVehicles.GetValueOrDefault(state.Group.GroupKey) };
            var (group, groupRows) = await _merger.RowsAsync(_batch, _collection, counted, state.IndicatorChanged, state.Pattern, state.LatestSummaryId, nowUs, cancellationToken)
                .ConfigureAwait(false);
            rows.AddRange(groupRows);
            state.Group = group;
            state.Vehicles.Clear();
            state.Dirty = false;
            state.IndicatorChanged = false;
        }

        await _batch.ReplaceManyAsync(rows, nowUs, cancellationToken).ConfigureAwait(false);
        await _batch.SaveAnomalyGroupsAsync(dirty.Select(s => s.Group).ToList(), cancellationToken).ConfigureAwait(false);
    }

    private sealed class State(AnomalyGroup group)
    {
        public AnomalyGroup Group { get; set; } = group;

        public bool IndicatorChanged { get; set; }

        public string? Pattern { get; set; }

        public string? LatestSummaryId { get; set; }

        public bool Dirty { get; set; }

        public HashSet<string> Vehicles { get; } = new(StringComparer.Ordinal);
    }
}
