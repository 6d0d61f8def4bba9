namespace Bench.Attacks;

/// <summary>The attacks the SUMO bench runs among its vehicles (a scenario file's <c>rogue-process</c> and <c>replay</c>).</summary>
public enum SumoAttackKind
{
    /// <summary>The demo's tamper: a rogue process on the board of the OBU in the target vehicle (<c>BenchObu.StartRogueProcess</c>).</summary>
    RogueProcess,

    /// <summary>The demo's replay attacker (<c>ReplayAttacker</c>), riding with the named vehicle and hearing what is in range of it.</summary>
    Replay,

    /// <summary>A <see cref="ReflectionStation"/> riding with the victim's vehicle, sending the victim's own frames back to it.</summary>
    Reflection,
}
