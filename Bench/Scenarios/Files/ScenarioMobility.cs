namespace Bench.Scenarios.Files;

/// <summary>
/// The scenario's mobility: the built-in route, or a SUMO configuration (absolute path) with the most vehicles carrying an
/// OBU at once and, when the file lists vehicles, the SUMO vehicles that may carry one.
/// </summary>
public sealed record ScenarioMobility(MobilityKind Kind, string? SumoConfiguration = null, int MaxObus = 12);
