using System.Text.Json.Nodes;
using Community.Access;
using Community.Hosting;
using Community.Storage;
using Cti.Stix;

namespace Community.Dashboard;

/// <summary>
/// Gathers the overview page (objects by type and threat type, top merged anomalies with vehicle
/// counts, value scores) over what the reader may see: the same access rules as TAXII reads.
/// </summary>
public sealed class DashboardService
{
    private const int ScanBatch = 2000;

    private readonly HubCore _core;
    private readonly ObjectReader _reader;

    public DashboardService(HubCore core, ObjectReader reader)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(reader);
        _core = core;
        _reader = reader;
    }

    /// <summary>The page's data for an authenticated reader.</summary>
    public async Task<DashboardModel> BuildAsync(Reader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var org = reader.Organisation ?? throw new ArgumentException("the overview is for members", nameof(reader));
        var memberships = await _core.Store.ListMembershipsAsync(null, org.Id, cancellationToken).ConfigureAwait(false);
        var collections = (await _core.Store.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => memberships.Any(m => m.CollectionId == c.Id && m.MayRead))
            .ToList();
        var ids = collections.Select(c => c.Id).ToList();
        var organisations = await _reader.OrganisationsAsync(cancellationToken).ConfigureAwait(false);
        var nowUs = _core.NowUs;
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        var byThreat = new Dictionary<string, long>(StringComparer.Ordinal);
        var top = new List<(string, string, string, int)>();
        long total = 0;
        double scoreSum = 0;
        var after = long.MinValue;
        while (true)
        {
            var rows = await _core.Store.ScanLatestAsync(ids, after, ScanBatch, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.Where(r => AccessPolicy.CanSee(reader, r, organisations, _core.Routing)))
            {
                total++;
                byType[row.StixType] = byType.GetValueOrDefault(row.StixType) + 1;
                foreach (var t in row.ThreatTypes.DefaultIfEmpty("(none)"))
                {
                    byThreat[t] = byThreat.GetValueOrDefault(t) + 1;
                }

                var score = _reader.Score(row, reader, organisations, nowUs);
                scoreSum += score;
                if (row.StixType is not ("marking-definition" or "extension-definition") && (top.Count < 10 || score > top[^1].Item4))
                {
                    top.Add((row.StixId, row.StixType, NameOf(row), score));
                    top = top.OrderByDescending(t => t.Item4).ThenBy(t => t.Item1, StringComparer.Ordinal).Take(10).ToList();
                }
            }

            if (rows.Count < ScanBatch)
            {
                break;
            }

            after = rows[^1].DateAddedUs;
        }

        var anomalies = (await _core.Store.TopAnomalyGroupsAsync(ids, 50, cancellationToken).ConfigureAwait(false))
            .Where(g => AccessPolicy.CanSee(reader, AsRow(g), organisations, _core.Routing))
            .Take(10)
            .ToList();
        return new DashboardModel
        {
            ReaderName = org.Name,
            At = _core.Time.GetUtcNow(),
            Collections = collections.Select(c => c.Title).ToList(),
            ByType = byType.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList(),
            ByThreatType = byThreat.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList(),
            TopAnomalies = anomalies,
            TopValued = top,
            MeanScore = total == 0 ? 0 : scoreSum / total,
            Total = total,
        };
    }

    private static StoredObject AsRow(AnomalyGroup g) => new()
    {
        CollectionId = g.CollectionId,
        StixId = g.SightingId,
        StixType = "sighting",
        Producer = g.Producer,
        Tlp = (TlpLevel)g.Tlp,
        ThreatTypes = g.ThreatType is null ? [] : [g.ThreatType],
        Body = "{}",
    };

    private static string NameOf(StoredObject row) =>
        JsonNode.Parse(row.Body) is JsonObject o ? StixObject.GetString(o, "name") ?? StixObject.GetString(o, "value") ?? row.StixType : row.StixType;
}
