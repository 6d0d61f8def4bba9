namespace Bench.Misbehaviour;

/// <summary>The scenario of <c>Bench misbehaviour</c> (Docs/misbehaviour.md, "Evaluation").</summary>
public sealed record EvaluationOptions
{
    /// <summary>Scenario length (virtual time). Default 60 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Genuine vehicles. Default 40.</summary>
    public int Genuine { get; init; } = 40;

    /// <summary>Attackers per detection class. Default 2.</summary>
    public int AttackersPerClass { get; init; } = 2;

    /// <summary>Receivers, 300 m apart along the road. Default 6.</summary>
    public int Receivers { get; init; } = 6;

    /// <summary>Radio range. Default 600 m.</summary>
    public double RangeMetres { get; init; } = 600;

    /// <summary>Seed of the scenario's choices. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Also run the misbehaviour loop on the traffic as signed frames (<see cref="RevocationRun"/>): reports to the
    /// authority, revocation, CRLs, Revoked at the receivers. Default true.
    /// </summary>
    public bool Revocation { get; init; } = true;

    /// <exception cref="ArgumentException">A value out of range.</exception>
    public void Validate()
    {
        if (Duration < TimeSpan.FromSeconds(20) || Duration > TimeSpan.FromHours(1) || Genuine is < 0 or > 1000 || AttackersPerClass is < 0 or > 50
            || Receivers is < 1 or > 100 || RangeMetres is < 50 or > 5000)
        {
            throw new ArgumentException("duration 20..3600 s, genuine 0..1000, attackers per class 0..50, receivers 1..100, range 50..5000 m");
        }
    }
}
