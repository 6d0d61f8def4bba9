namespace Bench.Scenarios.Files;

/// <summary>
/// One attack: its kind, when it starts (seconds from the run's start; for a flood, from the flood bench's start), when it
/// ends, who does it or to whom, and the flood's rate and size.
/// </summary>
public sealed record ScenarioAttack
{
    /// <summary>Which attack.</summary>
    public required AttackKind Kind { get; init; }

    /// <summary>Its start, from the run's start.</summary>
    public required TimeSpan At { get; init; }

    /// <summary>Its end (replay: the attacker's last second; ghost vehicle: its last CAM; a flood: start plus its duration).</summary>
    public TimeSpan? Until { get; init; }

    /// <summary>The tampered OBU (rogue process or tampered firmware), the OBU whose posture turns critical (null: the seeded choice), or the reflection's victim.</summary>
    public string? Target { get; init; }

    /// <summary>The replaying vehicle.</summary>
    public string? By { get; init; }

    /// <summary>A flood's frames per second.</summary>
    public double? Rate { get; init; }

    /// <summary>Forged-signature flood: how many cached neighbours it impersonates.</summary>
    public int? Victims { get; init; }

    /// <summary>Valid-ticket flood: how many valid tickets the attacker collected.</summary>
    public int? Tickets { get; init; }

    /// <summary>Compromised IDF model: the model whose vulnerability is exploited ("product version", as the vehicles' <c>idf</c>).</summary>
    public string? Model { get; init; }

    /// <summary>Compromised IDF model: on how many of the model's OBUs it is exploited (the first ones of the file's order).</summary>
    public int? Count { get; init; }
}
