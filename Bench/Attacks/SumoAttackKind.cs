namespace Bench.Attacks;

/// <summary>The attacks the SUMO bench runs among its vehicles (a scenario file's <c>rogue-process</c>, <c>tampered-firmware</c>, <c>replay</c>, <c>reflection</c>, <c>ghost-vehicle</c>, <c>posture-critical</c>, the two floods and <c>compromised-idf-model</c>).</summary>
public enum SumoAttackKind
{
    /// <summary>The demo's tamper: a rogue process on the board of the OBU in the target vehicle (<c>BenchObu.Tamper</c>, <c>TamperFault.RogueProcess</c>).</summary>
    RogueProcess,

    /// <summary>The same tamper with another fault: the application image of the OBU in the target vehicle overwritten (<c>TamperFault.TamperedFirmware</c>).</summary>
    TamperedFirmware,

    /// <summary>The demo's replay attacker (<c>ReplayAttacker</c>), riding with the named vehicle and hearing what is in range of it.</summary>
    Replay,

    /// <summary>A <see cref="ReflectionStation"/> riding with the victim's vehicle, sending the victim's own frames back to it.</summary>
    Reflection,

    /// <summary>A <see cref="Stations.GhostStation"/> (a valid ticket, false CAMs) riding with the named vehicle: reported, revoked, refused as Revoked (SumoAttackRun.Ghost.cs).</summary>
    GhostVehicle,

    /// <summary>The demo's posture turning critical (<c>DemoPosture</c>): the OBU in the target vehicle runs the outdated library; at its time the posture server imports the advisory (SumoAttackRun.Posture.cs).</summary>
    PostureCritical,

    /// <summary>A flooder riding with the named vehicle sends CAMs under the digests of tickets it heard, with random signatures (SumoAttackRun.Floods.cs).</summary>
    ForgedSignatureFlood,

    /// <summary>A flooder riding with the named vehicle sends CAMs carrying valid tickets its receivers never heard, signed by another key (SumoAttackRun.Floods.cs).</summary>
    ValidTicketFlood,

    /// <summary>A vulnerability of an IDF model exploited on <c>Count</c> of its OBUs on the air (the route's tamper of <c>ModelWatch</c>): reported, the model revoked model-wide (SumoAttackRun.Model.cs).</summary>
    CompromisedIdfModel,
}
