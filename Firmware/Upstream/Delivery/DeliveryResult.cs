namespace Firmware.Upstream.Delivery;

/// <summary>How one delivery round went.</summary>
/// <param name="Delivered">Summaries the hub accepted.</param>
/// <param name="Refused">Summaries the hub refused for good.</param>
/// <param name="StillPending">Summaries left for another attempt.</param>
/// <param name="Failure">Why the round stopped early (hub unreachable, request refused), or null.</param>
public sealed record DeliveryResult(int Delivered, int Refused, int StillPending, string? Failure)
{
    /// <summary>True when the hub could not be reached or refused the request as a whole.</summary>
    public bool Failed => Failure is not null;
}
