using Firmware.Upstream.Queue;

namespace Firmware.Upstream;

/// <summary>The forwarder at one instant (for the host's health report and tests).</summary>
/// <param name="Running">Whether the background loop runs.</param>
/// <param name="Queue">The queue's counts, cursors and counters.</param>
/// <param name="NextCycleAt">When the loop runs next (null when not running).</param>
/// <param name="FailuresInARow">Failed cycles since the last good one (the backoff step).</param>
/// <param name="LastErrors">What failed in the last cycle.</param>
public sealed record UpstreamStatus(bool Running, QueueSnapshot Queue, DateTimeOffset? NextCycleAt, int FailuresInARow, IReadOnlyList<string> LastErrors);
