using System.Diagnostics;

namespace Bench.Flood;

/// <summary>
/// The receiver's clock during a flood run: the traffic's planned start plus the real time elapsed since the run
/// began, so frames signed before the run (with planned generation times) arrive exactly when they were generated.
/// </summary>
internal sealed class RunClock(DateTimeOffset epoch) : TimeProvider
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    /// <summary>Time since the run began.</summary>
    public TimeSpan Elapsed => _elapsed.Elapsed;

    public override DateTimeOffset GetUtcNow() => epoch + _elapsed.Elapsed;
}
