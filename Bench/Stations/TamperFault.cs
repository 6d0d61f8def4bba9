namespace Bench.Stations;

/// <summary>
/// How the bench tampers an OBU's board (<see cref="BenchObu.Tamper"/>): the fault the demo's tamper phase and the SUMO
/// bench's tamper attacks inject, each found by the secure partition's next periodic scan (Docs/secure-partition.md,
/// detectors table) and latched.
/// </summary>
public enum TamperFault
{
    /// <summary>A rogue process (root, 90 % CPU) starts: the process detector's high anomaly (<c>process.unexpected</c>); receivers prepare only.</summary>
    RogueProcess,

    /// <summary>
    /// The application image is overwritten at runtime (a few bytes inside the <c>app</c> partition's image): the integrity
    /// check's runtime re-hash finds it (<c>runtime.Tampered</c>, patent ¶102-103), a compromise; receivers discard (Docs/trust-decisions.md, row 4).
    /// </summary>
    TamperedFirmware,
}
