namespace Firmware.Upstream.Queue;

/// <summary>Where a queued summary stands.</summary>
public enum SummaryState
{
    /// <summary>Waiting for the hub to accept it.</summary>
    Pending = 0,

    /// <summary>The hub's status said accepted (or already present).</summary>
    Delivered = 1,

    /// <summary>The hub refused it for good (its status named a failure); kept with the reason, not resent.</summary>
    Refused = 2,
}
