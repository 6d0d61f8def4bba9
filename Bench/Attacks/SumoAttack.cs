namespace Bench.Attacks;

/// <summary>One attack of a SUMO run.</summary>
/// <param name="Kind">Which attack.</param>
/// <param name="Vehicle">The SUMO vehicle id: the tampered OBU's vehicle, the vehicle the replay attacker, a flooder or the ghost station rides with, the reflection's victim (the reflector rides with it), or the vehicle whose OBU's posture turns critical.</param>
/// <param name="At">When it starts, simulation time from the run's start.</param>
/// <param name="Until">When it ends (replay: no replay is sent later; ghost vehicle: its last CAM; null: 1 s before the run's end).</param>
/// <param name="Rate">A flood's frames per second (null: not a flood).</param>
/// <param name="Model">A compromised IDF model: the model exploited (its vehicles are <see cref="Bench.Mobility.SumoSettings"/>' <c>Models</c>); <paramref name="Vehicle"/> is then the model's name ("product version").</param>
/// <param name="Count">A compromised IDF model: how many of its OBUs on the air at <paramref name="At"/> are exploited.</param>
public sealed record SumoAttack(SumoAttackKind Kind, string Vehicle, TimeSpan At, TimeSpan? Until = null, double? Rate = null, PkiProtocol.Audit.IdfImplementation? Model = null, int? Count = null);
