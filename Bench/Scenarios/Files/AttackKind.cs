namespace Bench.Scenarios.Files;

/// <summary>The attacks a scenario file may schedule: those the bench runs today (Docs/bench.md, "Scenario files").</summary>
public enum AttackKind
{
    /// <summary><c>rogue-process</c>: a root process at 90 % CPU on an OBU's board (the demo's tamper, <c>SimulatedBoard.StartRogueProcess</c>).</summary>
    RogueProcess,

    /// <summary>
    /// <c>tampered-firmware</c>: the application image on an OBU's board overwritten at runtime (the demo's tamper with another
    /// fault, <c>TamperFault.TamperedFirmware</c>); its next scan's re-hash latches a compromise, which receivers discard.
    /// </summary>
    TamperedFirmware,

    /// <summary><c>replay</c>: the attacker re-sends one in six frames heard, exact or with the report's counter altered (<c>ReplayAttacker</c>).</summary>
    Replay,

    /// <summary><c>forged-signature-flood</c>: frames under cached neighbours' digests with random signatures, at the flood bench's receiver (Bench/Flood).</summary>
    ForgedSignatureFlood,

    /// <summary><c>valid-ticket-flood</c>: frames carrying valid tickets the receiver never heard, signed by another key, at the flood bench's receiver (Bench/Flood).</summary>
    ValidTicketFlood,

    /// <summary>
    /// <c>ghost-vehicle</c>: a station with a valid ticket sends CAMs claiming 120 m/s from the middle of the block, a place no
    /// road passes (position falsification; the demo's ghost phase, <c>GhostStation</c>): reported, revoked, rejected as Revoked.
    /// </summary>
    GhostVehicle,

    /// <summary>
    /// <c>posture-critical</c>: the posture server learns of a critical weakness in the curl one OBU has not updated; that OBU's
    /// next poll turns its posture critical and the receivers act with caution (the demo's posture phase, <c>DemoPosture</c>).
    /// </summary>
    PostureCritical,
    /// <summary><c>reflection</c>: the target OBU's own frames sent back to it under another MAC (<c>Bench.Attacks.ReflectionStation</c>).</summary>
    Reflection,

    /// <summary>
    /// <c>compromised-idf-model</c>: a vulnerability of one IDF model is exploited on <c>count</c> of its OBUs (each tampered
    /// as the demo's tamper is, <c>TamperFault.RogueProcess</c>); their own anomaly reports reach the misbehaviour
    /// authority, whose global detection revokes the whole model (patent ¶164-168): every station of it is rejected as
    /// Revoked, the ones never touched too.
    /// </summary>
    CompromisedIdfModel,
}
