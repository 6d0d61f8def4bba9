namespace Bench.Attacks;

/// <summary>A reflection in the built-in route demo: whose frames, and when (Bench.Demo.BenchDemo runs a <see cref="ReflectionStation"/>).</summary>
/// <param name="Victim">The victim OBU's index, 1-based (obu-N).</param>
/// <param name="At">When the reflector starts sending back, from the run's start.</param>
/// <param name="Until">When it stops (null: 1 s before the run's end).</param>
public sealed record ReflectionPlan(int Victim, TimeSpan At, TimeSpan? Until = null);
