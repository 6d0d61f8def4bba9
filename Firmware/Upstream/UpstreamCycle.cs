using Firmware.Upstream.Delivery;
using Firmware.Upstream.ReturnPath;

namespace Firmware.Upstream;

/// <summary>What one forwarding cycle did.</summary>
/// <param name="StartedAt">When it started (the forwarder's clock).</param>
/// <param name="ReportsRead">Reports read from the partition and committed to the queue.</param>
/// <param name="Delivery">The delivery round.</param>
/// <param name="Indicators">The indicator poll, when one was due and succeeded.</param>
/// <param name="Errors">What failed (partition, hub, queue), in words; empty when all went well.</param>
/// <param name="NextCycleAt">When the next cycle runs (the cycle interval, or a backoff after a failure).</param>
public sealed record UpstreamCycle(DateTimeOffset StartedAt, int ReportsRead, DeliveryResult Delivery, IndicatorSyncResult? Indicators, IReadOnlyList<string> Errors, DateTimeOffset NextCycleAt)
{
    /// <summary>True when something failed and the next cycle waits a backoff.</summary>
    public bool Failed => Errors.Count > 0;
}
