using System.Text.Json.Nodes;
using Cti.Sharing;

namespace Firmware.Upstream.Desensitising;

/// <summary>A summary that passed the leak check, as the STIX objects that will be posted (observables first).</summary>
/// <param name="ObservedDataId">The observed-data id: the queue's key and the hub's idempotency key.</param>
/// <param name="Severity">Its severity (the queue drops the lowest first when full).</param>
/// <param name="Objects">The objects, exactly as they will be sent.</param>
public sealed record OutboundSummary(string ObservedDataId, AnomalySeverity Severity, IReadOnlyList<JsonObject> Objects);
