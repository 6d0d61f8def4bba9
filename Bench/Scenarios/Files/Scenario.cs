using Firmware.Application.Receiving;
using V2x.Integrity;

namespace Bench.Scenarios.Files;

/// <summary>A loaded and validated scenario file (Bench/Scenarios/scenario.schema.json; Docs/bench.md, "Scenario files").</summary>
public sealed record Scenario
{
    /// <summary>The file it came from (absolute).</summary>
    public required string Source { get; init; }

    /// <summary>Its name (<c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What it is for (<c>description</c>; may be empty).</summary>
    public string Description { get; init; } = "";

    /// <summary>Where the vehicles drive.</summary>
    public required ScenarioMobility Mobility { get; init; }

    /// <summary>The vehicles and their equipment, in file order.</summary>
    public required IReadOnlyList<ScenarioVehicle> Vehicles { get; init; }

    /// <summary>The run: simulated (SUMO) or real (built-in route) seconds.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Simulated seconds per wall second (1: real time; the built-in route runs in real time only).</summary>
    public double Pacing { get; init; } = 1;

    /// <summary>Seed of the bench's own choices.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The secure partitions' integrity scan period.</summary>
    public TimeSpan ScanPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Run the sharing-community hub.</summary>
    public bool Hub { get; init; } = true;

    /// <summary>Radio range in metres (null: every node hears every frame).</summary>
    public double? RangeMeters { get; init; }

    /// <summary>Where loss by distance begins (null: none).</summary>
    public double? LossFromMeters { get; init; }

    /// <summary>Where the OBUs put the integrity report.</summary>
    public ReportCarrier Carrier { get; init; } = ReportCarrier.Facilities;

    /// <summary>The receivers' verify-on-demand mode (the flood bench's receiver; the demo's OBUs run <see cref="VerifyOnDemandMode.Off"/>).</summary>
    public VerifyOnDemandMode VerifyOnDemand { get; init; } = VerifyOnDemandMode.Off;

    /// <summary>The attacks and their times, in file order.</summary>
    public required IReadOnlyList<ScenarioAttack> Attacks { get; init; }

    /// <summary>What must hold at the end.</summary>
    public required ScenarioExpectations Expectations { get; init; }
}
