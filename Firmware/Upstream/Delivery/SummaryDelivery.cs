using System.Net;
using System.Text.Json.Nodes;
using Cti.Stix;
using Cti.Taxii;
using Firmware.Upstream.Queue;

namespace Firmware.Upstream.Delivery;

/// <summary>
/// Posts queued summaries to the hub in TAXII 2.1 envelopes (§5.5) with the Cti client and settles
/// each one from the status resource (§4.3): delivered only when every object of the summary is among
/// the successes (a new object, or one "already present"), refused when any is among the failures,
/// otherwise left pending. A request the hub refuses as a whole (400, 413) is split until one summary
/// is refused alone; an unreachable hub, an authentication or authorisation error, or a server error
/// stops the round and leaves everything pending.
/// </summary>
public sealed class SummaryDelivery
{
    private readonly TaxiiClient _client;
    private readonly string _collectionId;
    private readonly UpstreamQueue _queue;

    /// <summary>Delivery of <paramref name="queue"/> to <paramref name="collectionId"/>.</summary>
    public SummaryDelivery(TaxiiClient client, string collectionId, UpstreamQueue queue)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(collectionId);
        ArgumentNullException.ThrowIfNull(queue);
        _client = client;
        _collectionId = collectionId;
        _queue = queue;
    }

    /// <summary>Delivers waiting summaries, <paramref name="perEnvelope"/> at a time, until none is left or a round fails.</summary>
    public async Task<DeliveryResult> DeliverAsync(int perEnvelope, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perEnvelope, 1);
        int delivered = 0, refused = 0;
        while (true)
        {
            var batch = _queue.Pending(perEnvelope);
            if (batch.Count == 0)
            {
                return new DeliveryResult(delivered, refused, 0, null);
            }

            var (d, r, failure) = await PostAsync(batch, cancellationToken).ConfigureAwait(false);
            delivered += d;
            refused += r;
            if (failure is not null || d + r == 0)
            {
                var left = _queue.Snapshot().Pending;
                return new DeliveryResult(delivered, refused, left, failure ?? "the hub settled none of the summaries (status pending)");
            }
        }
    }

    private async Task<(int Delivered, int Refused, string? Failure)> PostAsync(IReadOnlyList<QueuedSummary> batch, CancellationToken cancellationToken)
    {
        var parts = new List<(QueuedSummary Summary, IReadOnlyList<JsonObject> Objects)>();
        var unreadable = new List<Settlement>();
        foreach (var s in batch)
        {
            try
            {
                parts.Add((s, s.Objects()));
            }
            catch (UpstreamQueueException e)
            {
                unreadable.Add(new Settlement(s.Id, SummaryState.Refused, e.Message));
            }
        }

        if (unreadable.Count > 0)
        {
            _queue.Settle(unreadable);
        }

        if (parts.Count == 0)
        {
            return (0, unreadable.Count, null);
        }

        // Observables shared by several summaries go once per envelope.
        var objects = parts.SelectMany(p => p.Objects).DistinctBy(o => StixObject.GetString(o, "id")).ToList();
        TaxiiStatus status;
        try
        {
            status = await _client.AddObjectsAsync(_collectionId, objects, cancellationToken).ConfigureAwait(false);
        }
        catch (TaxiiClientException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
        {
            if (parts.Count == 1)
            {
                // The hub refuses this one summary as a request: resending it cannot help.
                _queue.Settle([new Settlement(parts[0].Summary.Id, SummaryState.Refused, $"{(int)e.StatusCode!}: {e.Error?.Title ?? e.Message}")]);
                return (0, 1 + unreadable.Count, null);
            }

            // Split the envelope to find the summary the hub refuses (the unreadable ones are settled already).
            int d = 0, r = unreadable.Count;
            var readable = parts.Select(p => p.Summary).ToList();
            foreach (var half in new[] { readable.Take(readable.Count / 2).ToList(), readable.Skip(readable.Count / 2).ToList() })
            {
                var (hd, hr, failure) = await PostAsync(half, cancellationToken).ConfigureAwait(false);
                d += hd;
                r += hr;
                if (failure is not null)
                {
                    return (d, r, failure);
                }
            }

            return (d, r, null);
        }
        catch (TaxiiClientException e)
        {
            _queue.Count((QueueCounters.DeliveryFailures, 1));
            return (0, unreadable.Count, e.Message);
        }

        var successes = (status.Successes ?? []).GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);
        var failures = (status.Failures ?? []).GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);
        var settlements = new List<Settlement>();
        foreach (var (summary, objs) in parts)
        {
            var ids = objs.Select(o => StixObject.GetString(o, "id") ?? "").ToList();
            if (ids.FirstOrDefault(failures.ContainsKey) is { } failed)
            {
                settlements.Add(new Settlement(summary.Id, SummaryState.Refused, $"{failed}: {failures[failed] ?? "refused"}"));
            }
            else if (ids.All(successes.ContainsKey))
            {
                var scrubbed = ids.Count(id => successes[id]?.StartsWith("desensitised", StringComparison.OrdinalIgnoreCase) == true);
                settlements.Add(new Settlement(summary.Id, SummaryState.Delivered, null, scrubbed));
            }
            else
            {
                settlements.Add(new Settlement(summary.Id, SummaryState.Pending));
            }
        }

        _queue.Settle(settlements);
        return (settlements.Count(s => s.State == SummaryState.Delivered), settlements.Count(s => s.State == SummaryState.Refused) + unreadable.Count, null);
    }
}
