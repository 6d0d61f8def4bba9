namespace Bench.Scenarios.Files;

/// <summary>
/// The names of issue 15's attack library in scenario files: those the bench runs (<see cref="AttackKind"/>) and those
/// it does not run yet, which a scenario file may not schedule (the loader says so rather than ignoring them).
/// </summary>
public static class AttackLibrary
{
    /// <summary>The attacks the bench runs, by their name in the file.</summary>
    public static IReadOnlyDictionary<string, AttackKind> Runnable { get; } = new Dictionary<string, AttackKind>(StringComparer.Ordinal)
    {
        ["rogue-process"] = AttackKind.RogueProcess,
        ["tampered-firmware"] = AttackKind.TamperedFirmware,
        ["replay"] = AttackKind.Replay,
        ["forged-signature-flood"] = AttackKind.ForgedSignatureFlood,
        ["valid-ticket-flood"] = AttackKind.ValidTicketFlood,
        ["ghost-vehicle"] = AttackKind.GhostVehicle,
        ["posture-critical"] = AttackKind.PostureCritical,
        ["reflection"] = AttackKind.Reflection,
        ["compromised-idf-model"] = AttackKind.CompromisedIdfModel,
    };

    /// <summary>
    /// Issue 15's attacks the bench does not run yet (a scenario naming one is refused with this list): position
    /// falsification by a genuine vehicle's station (the demo's is the <c>ghost-vehicle</c>; the
    /// misbehaviour evaluation's labelled traffic, <c>Bench misbehaviour</c>, is a separate measurement, not a bench
    /// station).
    /// </summary>
    public static IReadOnlyList<string> NotBuilt { get; } =
        ["position-falsification"];

    /// <summary>The file's name of <paramref name="kind"/>.</summary>
    public static string Name(AttackKind kind) => Runnable.First(p => p.Value == kind).Key;

    /// <summary>True for the two tampers of an OBU's board (the demo's tamper with its two faults: <c>Bench.Stations.TamperFault</c>).</summary>
    public static bool IsTamper(AttackKind kind) => kind is AttackKind.RogueProcess or AttackKind.TamperedFirmware;

    /// <summary>True for the two flood attacks, which run at the flood bench's receiver (Bench/Flood), not among the demo's vehicles.</summary>
    public static bool IsFlood(AttackKind kind) => kind is AttackKind.ForgedSignatureFlood or AttackKind.ValidTicketFlood;
}
