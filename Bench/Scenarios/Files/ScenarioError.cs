namespace Bench.Scenarios.Files;

/// <summary>One problem of a scenario file: where (a JSON path, <c>$.attacks[1].at</c>), what kind, and a message for the engineer.</summary>
public sealed record ScenarioError(string Path, ScenarioErrorKind Kind, string Message)
{
    /// <summary>The line the CLI prints: <c>$.attacks[1].at: …</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
