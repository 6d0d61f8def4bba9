namespace Bench.Scenarios.Files;

/// <summary>Where a scenario's vehicles drive.</summary>
public enum MobilityKind
{
    /// <summary><c>route</c>: the built-in route round a Munich block (the demo).</summary>
    Route,

    /// <summary><c>sumo</c>: a SUMO scenario through TraCI (Bench/Mobility).</summary>
    Sumo,
}
