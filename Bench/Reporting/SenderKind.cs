namespace Bench.Reporting;

/// <summary>What a sender on the bench radio is.</summary>
public enum SenderKind
{
    /// <summary>An OBU with the integrity-detection function (secure partition, report in every message).</summary>
    Obu,

    /// <summary>A legacy station: no report, a ticket without the IDF permission.</summary>
    Legacy,

    /// <summary>The attacker's radio of exact replays.</summary>
    ExactReplay,

    /// <summary>The attacker's radio of replays with an altered message counter.</summary>
    AlteredReplay,

    /// <summary>The ghost vehicle: a valid ticket, false CAMs (the misbehaviour phase).</summary>
    Ghost,

    /// <summary>A source the bench does not know.</summary>
    Unknown,

    /// <summary>The reflector's radio: a victim's own frames sent back to it under another MAC (Bench/Attacks/ReflectionStation).</summary>
    Reflection,

    /// <summary>A flooder riding with a SUMO vehicle (Bench/Attacks/FloodStation): forged signatures or valid tickets signed by another key.</summary>
    Flood,
}
