using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Analysis;
using Community.Membership;
using Community.Storage;
using Cti.Stix;
using Cti.Taxii;

namespace Community.Ingest;

public sealed partial class IngestService
{
    // One write transaction holds at most this many envelopes or objects.
    private const int MaxEnvelopesPerWrite = 64;
    private const int MaxObjectsPerWrite = 20_000;

    // The envelopes waiting now (at least one: the caller's, unless another writer took it), up to the bounds.
    private List<WriteRequest> Drain()
    {
        var requests = new List<WriteRequest>();
        var objects = 0;
        while (requests.Count < MaxEnvelopesPerWrite && objects < MaxObjectsPerWrite && _pending.TryDequeue(out var request))
        {
            requests.Add(request);
            objects += request.Prepared.Length;
        }

        return requests;
    }

    // Writes envelopes in one transaction, each answered with its own status. The transaction runs to its end whatever
    // happens to the callers (their envelopes are committed or none is); if it fails, every one of them fails.
    private async Task WriteAsync(List<WriteRequest> requests)
    {
        if (requests.Count == 0)
        {
            return;
        }

        var cancellationToken = CancellationToken.None;
        try
        {
            await using var batch = await _core.Store.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
            foreach (var byCollection in requests.GroupBy(r => r.Collection.Id))
            {
                await batch.PrefetchHeadsAsync(byCollection.Key, byCollection.SelectMany(r => r.Envelope.Keys).Distinct(StringComparer.Ordinal).ToList(), cancellationToken)
                    .ConfigureAwait(false);
            }

            // One merge session per collection: a burst of reports of a signature yields one new sighting version per write.
            var merges = new Dictionary<string, MergeSession>(StringComparer.Ordinal);
            foreach (var byCollection in requests.Where(r => r.Collection.Policy.MergeAnomalies).GroupBy(r => r.Collection.Id))
            {
                var session = _merger.BeginSession(batch, byCollection.First().Collection);
                await session.PrefetchAsync(
                    byCollection.SelectMany(r => r.Prepared.Where(p => p.Facts is not null && p.Row is not null)
                        .Select(p => AnomalyMerger.GroupKey(p.Facts!.Signature, p.Row!.Tlp, r.Submission.Poster.Id))).OfType<string>(),
                    cancellationToken).ConfigureAwait(false);
                merges[byCollection.Key] = session;
            }

            var answers = new List<(WriteRequest Request, TaxiiStatus Status, List<JsonObject> Definitions)>(requests.Count);
            foreach (var request in requests)
            {
                var successes = new List<TaxiiStatusDetail>();
                var failures = new List<TaxiiStatusDetail>();
                var definitions = new List<JsonObject>();
                var session = merges.GetValueOrDefault(request.Collection.Id);
                foreach (var item in request.Prepared)
                {
                    var (ok, detail) = item.Failure is { } failure
                        ? (false, failure)
                        : await StoreAsync(batch, session, request.Submission, request.Collection, item, request.Envelope, definitions, cancellationToken).ConfigureAwait(false);
                    (ok ? successes : failures).Add(detail);
                }

                var status = new TaxiiStatus(
                    request.StatusId,
                    TaxiiStatus.Complete,
                    TotalCount: request.Prepared.Length,
                    SuccessCount: successes.Count,
                    FailureCount: failures.Count,
                    PendingCount: 0,
                    RequestTimestamp: StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(request.RequestUs)),
                    Successes: successes.Count == 0 ? null : successes,
                    Failures: failures.Count == 0 ? null : failures,
                    Pendings: null);
                await batch.SaveStatusAsync(
                    new StatusRecord(request.StatusId, request.Submission.Poster.Id, request.RequestUs, request.RequestUs + (_core.Options.StatusRetention.Ticks / 10),
                        JsonSerializer.Serialize(status, TaxiiJsonContext.Wire.TaxiiStatus)),
                    cancellationToken).ConfigureAwait(false);
                answers.Add((request, status, definitions));
            }

            foreach (var session in merges.Values)
            {
                await session.FlushAsync(_core.NowUs, cancellationToken).ConfigureAwait(false);
            }

            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (request, status, definitions) in answers)
            {
                // Registered hub-wide only after the commit: a rolled-back envelope defines nothing.
                foreach (var definition in definitions)
                {
                    _core.Extensions.RegisterFrom(definition, request.Submission.Poster.Id);
                }

                request.Done.TrySetResult(status);
            }
        }
        catch (Exception e)
        {
            foreach (var request in requests)
            {
                request.Done.TrySetException(e);
            }
        }
    }

    // An envelope prepared and waiting to be written, and where its status goes.
    private sealed record WriteRequest(Submission Submission, HubCollection Collection, Prepared[] Prepared, Dictionary<string, JsonObject> Envelope, string StatusId,
        long RequestUs)
    {
        public TaskCompletionSource<TaxiiStatus> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
