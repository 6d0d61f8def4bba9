namespace Bench.Scenarios.Files;

/// <summary>One of a scenario file's expectations after the run: its id, whether it held, and the evidence.</summary>
public sealed record ScenarioOutcome(string Check, bool Passed, string Detail);
