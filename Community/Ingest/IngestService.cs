using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Analysis;
using Community.Authenticity;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;
using Cti.Taxii;

namespace Community.Ingest;

/// <summary>
/// Adds the objects of one TAXII envelope to a collection (TAXII 2.1 §5.5): each object is
/// validated (STIX 2.1), filtered against the false-alarm rules (X.1382 §9.3.2.2 a), desensitised
/// per the collection policy (X.1382 §7.3), checked against earlier versions (only the producer
/// publishes new versions, STIX 2.1 §3.6; a repeated id and version is accepted once, which makes
/// posting idempotent), stored with its access and value facts, and merged when it is an anomaly
/// summary. Every object's outcome is reported in the status resource; the whole envelope is
/// written in one transaction (with the other envelopes waiting for the writer at that moment: group commit).
/// </summary>
public sealed partial class IngestService
{
    // Envelopes of at least this many objects are prepared on every core.
    private const int ParallelFrom = 64;

    // Envelopes prepared and waiting for the write lock (group commit).
    private readonly System.Collections.Concurrent.ConcurrentQueue<WriteRequest> _pending = new();
    private readonly HubCore _core;
    private readonly AnomalyMerger _merger;

    public IngestService(HubCore core, AnomalyMerger merger)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(merger);
        _core = core;
        _merger = merger;
    }

    /// <summary>Processes an envelope's objects posted by <paramref name="poster"/>; returns the status resource.</summary>
    public Task<TaxiiStatus> ProcessAsync(Organisation poster, HubCollection collection, IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken) =>
        ProcessAsync(poster, collection, objects, SubmissionVerdict.NotChecked, fromVehicle: false, cancellationToken);

    /// <summary>
    /// Processes an envelope's objects posted by <paramref name="poster"/> whose signature gave <paramref name="verdict"/>;
    /// <paramref name="fromVehicle"/> when a vehicle posted it without credentials (attributed to the collection's
    /// vehicle producer). Returns the status resource.
    /// </summary>
    public async Task<TaxiiStatus> ProcessAsync(Organisation poster, HubCollection collection, IReadOnlyList<JsonObject> objects, SubmissionVerdict verdict,
        bool fromVehicle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(poster);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(objects);
        var requestUs = _core.NowUs;
        var envelope = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var o in objects)
        {
            if (StixObject.GetString(o, "id") is { } id)
            {
                envelope.TryAdd(id, o);
            }
        }

        // Per object, before the write lock and in parallel for large envelopes: validation, rules, desensitisation, the
        // canonical body and the stored facts (pure work, no store access). Under the lock: versions, storage, merging.
        var rules = (await _core.Store.ListRulesAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => r.CollectionId is null || r.CollectionId == collection.Id).ToList();
        var submission = new Submission(poster, verdict, fromVehicle);
        var prepared = new Prepared[objects.Count];
        if (objects.Count >= ParallelFrom)
        {
            Parallel.For(0, objects.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => prepared[i] = Prepare(submission, collection, objects[i], rules));
        }
        else
        {
            for (var i = 0; i < objects.Count; i++)
            {
                prepared[i] = Prepare(submission, collection, objects[i], rules);
            }
        }

        // Group commit: whoever holds the write lock writes every envelope waiting by then in one transaction, each with
        // its own status; the others find theirs done. A failure of that transaction fails each of them, nothing stored.
        var request = new WriteRequest(submission, collection, prepared, envelope, _core.Options.NewGuid().ToString("D"), requestUs);
        _pending.Enqueue(request);
        await _core.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!request.Done.Task.IsCompleted)
            {
                await WriteAsync(Drain()).ConfigureAwait(false);
            }
        }
        finally
        {
            _core.WriteLock.Release();
        }

        return await request.Done.Task.ConfigureAwait(false);
    }

    private static bool Matches(FalseAlarmRule rule, string type, AnomalyFacts? facts) => rule.Field switch
    {
        "type" => rule.Value == type,
        "signature" => facts?.Signature == rule.Value,
        "detector" => facts?.Detector == rule.Value,
        "anomaly_class" => facts?.AnomalyClass == rule.Value,
        "ecu" => facts?.Ecu == rule.Value,
        "make" => facts?.Make == rule.Value,
        "model" => facts?.Model == rule.Value,
        "firmware_version" => facts?.FirmwareVersion == rule.Value,
        _ => false,
    };

    private static string Describe(IReadOnlyList<DesensitisationFinding> findings) =>
        string.Join(", ", findings.GroupBy(f => f.Kind).Select(g => $"{g.Key} at {string.Join(" ", g.Select(f => f.Path).Distinct().Take(3))}"));
}
