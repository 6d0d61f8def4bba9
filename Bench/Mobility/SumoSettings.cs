using Hardware.Radio;

namespace Bench.Mobility;

/// <summary>
/// A bench run driven by SUMO (`Bench demo --sumo FILE.sumocfg`, issue 15): the scenario, how fast, how many vehicles
/// carry an OBU, and the radio range.
/// </summary>
public sealed record SumoSettings
{
    /// <summary>The SUMO configuration (.sumocfg; Bench/Scenarios/Sumo has two).</summary>
    public required string Configuration { get; init; }

    /// <summary>The sumo executable (null: the one on the PATH, see <see cref="Hardware.Positioning.Sumo.SumoProcess.FindExecutable"/>).</summary>
    public string? Executable { get; init; }

    /// <summary>Simulation seconds per wall second (1 real time; 0.1 to 20). Default 1.</summary>
    public double Pacing { get; init; } = 1.0;

    /// <summary>
    /// The most vehicles with an OBU at once: each departing vehicle gets one while fewer are on the road, the others
    /// drive unequipped. Default 12; 1 to 200.
    /// </summary>
    public int MaxObus { get; init; } = 12;

    /// <summary>
    /// The SUMO vehicles that may carry an OBU (a scenario file's <c>vehicles</c>; still at most <see cref="MaxObus"/> at once);
    /// null: any departing vehicle.
    /// </summary>
    public IReadOnlySet<string>? EquippedVehicles { get; init; }

    /// <summary>
    /// The IDF model the OBU of each named SUMO vehicle runs and registers at the bench PKI (a scenario file's <c>vehicles[i].idf</c>;
    /// Bench/Scenarios/Files/IdfModels); every other OBU runs <see cref="Demo.DemoPki.ObuIdf"/>. Null: all run the default.
    /// </summary>
    public IReadOnlyDictionary<string, PkiProtocol.Audit.IdfImplementation>? Models { get; init; }

    /// <summary>The model the OBU of <paramref name="vehicle"/> runs (<see cref="Models"/>, else the default).</summary>
    public PkiProtocol.Audit.IdfImplementation ModelOf(string vehicle) =>
        Models is { } models && models.TryGetValue(vehicle, out var model) ? model : Demo.DemoPki.ObuIdf;

    /// <summary>
    /// The SUMO vehicles that carry a legacy station instead (a scenario file's vehicles with equipment <c>legacy</c>:
    /// no IDF, no report; not counted in <see cref="MaxObus"/>); null: none.
    /// </summary>
    public IReadOnlySet<string>? LegacyVehicles { get; init; }

    /// <summary>
    /// The OBUs' verify-on-demand mode (Docs/trust-decisions.md, "Verify-on-demand"; a scenario file's
    /// <c>receivers.verifyOnDemand</c>, the command line's <c>--verify-on-demand</c>). Default off: every frame's signature is verified.
    /// </summary>
    public Firmware.Application.Receiving.VerifyOnDemandMode VerifyOnDemand { get; init; } = Firmware.Application.Receiving.VerifyOnDemandMode.Off;

    /// <summary>
    /// The OBUs' CRL refresh period: how soon a receiver learns of a revocation (a scenario file with a ghost vehicle or a
    /// compromised IDF model sets <see cref="RevocationRefreshPeriod"/>). Default 5 minutes (no revocation expected within a run).
    /// </summary>
    public TimeSpan CrlRefreshPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The CRL refresh period of a run that revokes a station or a model (the ghost vehicle, a compromised IDF model): 10 s of simulation.</summary>
    public static readonly TimeSpan RevocationRefreshPeriod = TimeSpan.FromSeconds(10);

    /// <summary>The radio range, metres (null: every node hears every frame).</summary>
    public double? RangeMeters { get; init; }

    /// <summary>Where loss by distance begins, metres (null: none; needs <see cref="RangeMeters"/>).</summary>
    public double? LossFromMeters { get; init; }

    /// <summary>The attacks among the vehicles (a scenario file's <c>rogue-process</c> and <c>replay</c>; Bench/Attacks). Default none.</summary>
    public IReadOnlyList<Attacks.SumoAttack> Attacks { get; init; } = [];

    /// <summary>
    /// How often the OBUs poll the posture server in a run with a <c>posture-critical</c> attack (Docs/bench.md, "Posture
    /// in SUMO": chosen from the poll's measured CPU cost so 100 OBUs polling stay in real time). Default 5 s; 1 to 600 s.
    /// </summary>
    public TimeSpan PosturePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The range model these settings describe, seeded with <paramref name="seed"/>; null without a range.</summary>
    public RadioRange? Range(int seed) => RangeMeters is { } r ? new RadioRange(new RadioRangeOptions { RangeMeters = r, LossFromMeters = LossFromMeters, Seed = seed }) : null;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A value out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Configuration);
        if (!double.IsFinite(Pacing) || Pacing < 0.1 || Pacing > 20)
        {
            throw new ArgumentException("--pacing is 0.1 to 20 (simulation seconds per second; 1 is real time).", nameof(Pacing));
        }

        if (MaxObus is < 1 or > 200)
        {
            throw new ArgumentException("--sumo-obus is 1 to 200.", nameof(MaxObus));
        }

        if (PosturePeriod < TimeSpan.FromSeconds(1) || PosturePeriod > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("the posture poll period is 1 to 600 s.", nameof(PosturePeriod));
        }

        if (LossFromMeters is not null && RangeMeters is null)
        {
            throw new ArgumentException("--loss-from needs --range.", nameof(LossFromMeters));
        }

        if (RangeMeters is { } range)
        {
            new RadioRangeOptions { RangeMeters = range, LossFromMeters = LossFromMeters }.Validate();
        }
    }
}
