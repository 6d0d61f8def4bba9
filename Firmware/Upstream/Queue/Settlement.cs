namespace Firmware.Upstream.Queue;

/// <summary>What the hub's status said about one summary.</summary>
/// <param name="Id">The summary's observed-data id.</param>
/// <param name="State">Delivered, refused, or still pending (try again).</param>
/// <param name="Note">The hub's reason for a refusal.</param>
/// <param name="HubScrubbed">Objects the hub reported as desensitised on the way in.</param>
public sealed record Settlement(string Id, SummaryState State, string? Note = null, int HubScrubbed = 0);
