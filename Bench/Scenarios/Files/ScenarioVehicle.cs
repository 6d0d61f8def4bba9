namespace Bench.Scenarios.Files;

/// <summary>
/// One vehicle of a scenario: its id (the bench's station name, or the SUMO vehicle id), its equipment, and for an OBU
/// with the IDF the IDF implementation it runs (<c>idf</c>, "product version", e.g. "IntegrityGuard 0.9"; null: the
/// bench's default, <c>Bench.Demo.DemoPki.ObuIdf</c>).
/// </summary>
public sealed record ScenarioVehicle(string Id, Equipment Equipment, string? Idf = null);
