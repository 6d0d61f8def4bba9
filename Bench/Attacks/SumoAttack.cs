namespace Bench.Attacks;

/// <summary>One attack of a SUMO run.</summary>
/// <param name="Kind">Which attack.</param>
/// <param name="Vehicle">The SUMO vehicle id: the tampered OBU's vehicle, the vehicle the replay attacker, a flooder or the ghost station rides with, the reflection's victim (the reflector rides with it), or the vehicle whose OBU's posture turns critical.</param>
/// <param name="At">When it starts, simulation time from the run's start.</param>
/// <param name="Until">When it ends (replay: no replay is sent later; ghost vehicle: its last CAM; null: 1 s before the run's end).</param>
/// <param name="Rate">A flood's frames per second (null: not a flood).</param>
public sealed record SumoAttack(SumoAttackKind Kind, string Vehicle, TimeSpan At, TimeSpan? Until = null, double? Rate = null);
