using System.Text.Json.Nodes;
using Cti.Sharing;

namespace Firmware.Upstream.Queue;

/// <summary>A summary waiting in the queue, with the exact objects it will be posted as.</summary>
/// <param name="Id">The observed-data id (the hub's idempotency key).</param>
/// <param name="Severity">Its severity.</param>
/// <param name="ReportSequence">The black-box sequence of the report it came from.</param>
/// <param name="EnqueuedAt">When it was queued.</param>
/// <param name="Attempts">Deliveries attempted so far.</param>
/// <param name="ObjectsJson">The STIX objects as a JSON array, fixed at enqueue time.</param>
public sealed record QueuedSummary(string Id, AnomalySeverity Severity, ulong ReportSequence, DateTimeOffset EnqueuedAt, int Attempts, string ObjectsJson)
{
    /// <summary>The STIX objects.</summary>
    /// <exception cref="UpstreamQueueException">The stored JSON is damaged.</exception>
    public IReadOnlyList<JsonObject> Objects()
    {
        try
        {
            return JsonNode.Parse(ObjectsJson) is JsonArray array && array.All(o => o is JsonObject)
                ? array.Select(o => o!.AsObject()).ToList()
                : throw new UpstreamQueueException($"Summary {Id}: the stored objects are not a JSON array of objects.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new UpstreamQueueException($"Summary {Id}: the stored objects are not JSON.", e);
        }
    }
}
