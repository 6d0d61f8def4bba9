namespace Bench.Scenarios.Files;

/// <summary>One vehicle of a scenario: its id (the bench's station name, or the SUMO vehicle id) and its equipment.</summary>
public sealed record ScenarioVehicle(string Id, Equipment Equipment);
