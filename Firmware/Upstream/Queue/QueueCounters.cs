namespace Firmware.Upstream.Queue;

/// <summary>Names of the counters the queue keeps (persisted, so they survive restarts).</summary>
public static class QueueCounters
{
    /// <summary>Reports read from the partition and committed (each exactly once).</summary>
    public const string ReportsRead = "reports-read";

    /// <summary>Summaries queued.</summary>
    public const string Enqueued = "summaries-enqueued";

    /// <summary>Summaries already known (same anomaly, same vehicle, same time bucket).</summary>
    public const string Duplicates = "summaries-duplicate";

    /// <summary>Summaries the leak check stopped (not sent).</summary>
    public const string Blocked = "summaries-blocked";

    /// <summary>Board values left out for their shape.</summary>
    public const string Withheld = "values-withheld";

    /// <summary>Findings beyond the per-report limit.</summary>
    public const string Truncated = "findings-truncated";

    /// <summary>Summaries dropped because the queue was full.</summary>
    public const string Dropped = "summaries-dropped";

    /// <summary>Summaries the hub accepted.</summary>
    public const string Delivered = "summaries-delivered";

    /// <summary>Summaries the hub refused.</summary>
    public const string Refused = "summaries-refused";

    /// <summary>Objects the hub accepted only after scrubbing them (the OBU's checks missed something).</summary>
    public const string HubScrubbed = "objects-scrubbed-by-hub";

    /// <summary>Delivery attempts that failed (hub unreachable, refused the request, …).</summary>
    public const string DeliveryFailures = "delivery-failures";

    /// <summary>Indicators deployed into the partition.</summary>
    public const string IndicatorsDeployed = "indicators-deployed";

    /// <summary>Indicators removed from the partition (revoked, expired).</summary>
    public const string IndicatorsRemoved = "indicators-removed";

    /// <summary>Indicators whose pattern cannot be turned into rules (skipped whole).</summary>
    public const string IndicatorsUnsupported = "indicators-unsupported";

    /// <summary>Indicators not deployed by policy (hub-merged observations, untrusted producers).</summary>
    public const string IndicatorsSkipped = "indicators-skipped";

    /// <summary>Indicators the partition refused (rule set full).</summary>
    public const string IndicatorsRefused = "indicators-refused";
}
