namespace Bench.Scenarios.Files;

/// <summary>
/// What a scenario expects at the end: the run's own checks by id (<see cref="ExpectationIds"/>; empty with
/// <see cref="All"/>), and limits on its figures.
/// </summary>
public sealed record ScenarioExpectations
{
    /// <summary>Every check of the run must hold (<c>"checks": "all"</c>).</summary>
    public bool All { get; init; }

    /// <summary>The checks that must hold, by id, when not <see cref="All"/>.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];

    /// <summary>Every receiver's first mitigation about the tampered OBU at most this long after the tamper.</summary>
    public TimeSpan? DetectionWithin { get; init; }

    /// <summary>At most this many replays accepted over all receivers.</summary>
    public long? ReplaysAccepted { get; init; }

    /// <summary>At least this share of the flood receiver's genuine frames decided within 100 ms.</summary>
    public double? FloodInTimeAtLeast { get; init; }
}
