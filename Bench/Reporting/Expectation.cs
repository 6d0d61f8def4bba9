namespace Bench.Reporting;

/// <summary>One of the demo's own checks.</summary>
public sealed record Expectation(string Name, bool Passed, string Detail);
