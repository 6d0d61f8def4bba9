using Bench.Attacks;
using Bench.Demo;
using Bench.Flood;
using Bench.Mobility;

namespace Bench.Scenarios.Files;

/// <summary>
/// A scenario in the bench engine's own terms: the demo's <see cref="DemoOptions"/> (with <see cref="SumoSettings"/> for
/// SUMO mobility) and, when it has floods, the flood bench's options. There is no second engine: a scenario runs what
/// <c>Bench demo</c> and <c>Bench flood</c> run.
/// </summary>
public static class ScenarioTranslation
{
    /// <summary>The demo options of <paramref name="scenario"/>, writing to <paramref name="outputDirectory"/> (not yet validated).</summary>
    public static DemoOptions ToDemoOptions(Scenario scenario, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var options = new DemoOptions
        {
            Duration = scenario.Duration,
            OutputDirectory = outputDirectory,
            Seed = scenario.Seed,
            ScanPeriod = scenario.ScanPeriod,
            Hub = scenario.Hub,
            Carrier = scenario.Carrier,
        };
        if (scenario.Mobility.Kind == MobilityKind.Sumo)
        {
            return options with { Sumo = Sumo(scenario) };
        }

        var obus = scenario.Vehicles.Where(v => v.Equipment == Equipment.Idf).ToList();
        var idf = obus.Select(v => v.Id).ToList();
        var models = obus.Select(v => IdfModels.Parse(IdfModels.Of(v))!).ToList();
        var compromise = scenario.Attacks.FirstOrDefault(a => a.Kind == AttackKind.CompromisedIdfModel);
        var tamper = scenario.Attacks.FirstOrDefault(a => AttackLibrary.IsTamper(a.Kind));
        var target = tamper?.Target;
        var critical = scenario.Attacks.FirstOrDefault(a => a.Kind == AttackKind.PostureCritical)?.Target;
        var reflection = scenario.Attacks.FirstOrDefault(a => a.Kind == AttackKind.Reflection);
        return options with
        {
            ObuCount = idf.Count,
            TamperedObu = target is null ? null : idf.IndexOf(target) + 1,
            TamperFault = tamper?.Kind == AttackKind.TamperedFirmware ? Stations.TamperFault.TamperedFirmware : Stations.TamperFault.RogueProcess,
            PostureObu = critical is null ? null : idf.IndexOf(critical) + 1,
            Reflection = reflection?.Target is { } victim ? new ReflectionPlan(idf.IndexOf(victim) + 1, reflection.At, reflection.Until) : null,
            IdfModels = obus.Any(v => v.Idf is not null) ? models : null,
            ModelCompromise = compromise?.Model is { } name && IdfModels.Parse(name) is { } model
                ? new ModelCompromisePlan(model, [.. Enumerable.Range(0, obus.Count).Where(i => models[i] == model).Take(compromise.Count ?? 0).Select(i => i + 1)], compromise.At)
                : null,
        };
    }

    /// <summary>The SUMO settings of a SUMO scenario: its configuration, pacing, most OBUs at once, the vehicles listed, the range, the receivers' verify-on-demand mode.</summary>
    public static SumoSettings Sumo(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        List<SumoAttack> attacks = [.. scenario.Attacks.Select(a => a.Kind switch
        {
            AttackKind.RogueProcess => new SumoAttack(SumoAttackKind.RogueProcess, a.Target!, a.At),
            AttackKind.TamperedFirmware => new SumoAttack(SumoAttackKind.TamperedFirmware, a.Target!, a.At),
            AttackKind.Replay => new SumoAttack(SumoAttackKind.Replay, a.By!, a.At, a.Until),
            AttackKind.GhostVehicle => new SumoAttack(SumoAttackKind.GhostVehicle, a.By!, a.At, a.Until),
            AttackKind.PostureCritical => new SumoAttack(SumoAttackKind.PostureCritical, a.Target!, a.At),
            AttackKind.ForgedSignatureFlood => new SumoAttack(SumoAttackKind.ForgedSignatureFlood, a.By!, a.At, a.Until, a.Rate ?? SumoAttackRun.DefaultFloodRate),
            AttackKind.ValidTicketFlood => new SumoAttack(SumoAttackKind.ValidTicketFlood, a.By!, a.At, a.Until, a.Rate ?? SumoAttackRun.DefaultFloodRate),
            AttackKind.CompromisedIdfModel => new SumoAttack(SumoAttackKind.CompromisedIdfModel, IdfModels.Name(IdfModels.Parse(a.Model!)!), a.At, Model: IdfModels.Parse(a.Model!), Count: a.Count),
            _ => new SumoAttack(SumoAttackKind.Reflection, a.Target!, a.At, a.Until),
        })];
        var settings = new SumoSettings
        {
            Configuration = scenario.Mobility.SumoConfiguration ?? throw new ArgumentException("Not a SUMO scenario.", nameof(scenario)),
            Pacing = scenario.Pacing,
            MaxObus = scenario.Mobility.MaxObus,
            // The listed idf vehicles carry the OBUs (none listed, or each only naming its model: any departing vehicle); the legacy ones a legacy station.
            EquippedVehicles = RestrictsObus(scenario)
                ? scenario.Vehicles.Where(v => v.Equipment == Equipment.Idf).Select(v => v.Id).ToHashSet(StringComparer.Ordinal) : null,
            Models = scenario.Vehicles.Any(v => v.Equipment == Equipment.Idf && v.Idf is not null)
                ? scenario.Vehicles.Where(v => v.Equipment == Equipment.Idf && v.Idf is not null).ToDictionary(v => v.Id, v => IdfModels.Parse(v.Idf!)!, StringComparer.Ordinal)
                : null,
            LegacyVehicles = scenario.Vehicles.Any(v => v.Equipment == Equipment.Legacy)
                ? scenario.Vehicles.Where(v => v.Equipment == Equipment.Legacy).Select(v => v.Id).ToHashSet(StringComparer.Ordinal) : null,
            RangeMeters = scenario.RangeMeters,
            LossFromMeters = scenario.LossFromMeters,
            Attacks = attacks.Count == 0 ? Array.Empty<SumoAttack>() : attacks, // the settings' own empty default, so settings without attacks compare equal
            VerifyOnDemand = scenario.VerifyOnDemand,
        };

        // A revocation within the run (the ghost's, a compromised model's) reaches the receivers at their next CRL refresh.
        return attacks.Any(a => a.Kind is SumoAttackKind.GhostVehicle or SumoAttackKind.CompromisedIdfModel) ? settings with { CrlRefreshPeriod = SumoSettings.RevocationRefreshPeriod } : settings;
    }

    /// <summary>
    /// True when a SUMO scenario's listed <c>idf</c> vehicles are the only ones that carry OBUs: some listed one names no model.
    /// Vehicles listed only to name their IDF model (each with <c>idf</c>) restrict nothing: any departing vehicle still gets an OBU.
    /// </summary>
    public static bool RestrictsObus(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Vehicles.Any(v => v.Equipment == Equipment.Idf && v.Idf is null);
    }

    /// <summary>
    /// The flood bench's options of the scenario's floods (null: none): genuine traffic alone until the floods' <c>at</c>
    /// (the warm-up), then the floods until their <c>until</c>, at one receiver in the scenario's verify-on-demand mode.
    /// The flood bench's own replays are off: replay is the demo's attack.
    /// </summary>
    internal static FloodOptions? Flood(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Mobility.Kind == MobilityKind.Sumo)
        {
            return null; // SUMO's floods ride with their vehicles in the run (Bench/Attacks/SumoAttackRun.Floods.cs)
        }

        var forged = scenario.Attacks.FirstOrDefault(a => a.Kind == AttackKind.ForgedSignatureFlood);
        var valid = scenario.Attacks.FirstOrDefault(a => a.Kind == AttackKind.ValidTicketFlood);
        if ((forged ?? valid) is not { } first)
        {
            return null;
        }

        var defaults = new FloodOptions();
        return new FloodOptions
        {
            Warmup = first.At,
            Duration = (first.Until ?? first.At + defaults.Duration) - first.At,
            ForgedPerSecond = forged is null ? 0 : forged.Rate ?? defaults.ForgedPerSecond,
            Victims = forged?.Victims ?? defaults.Victims,
            UncachedPerSecond = valid is null ? 0 : valid.Rate ?? defaults.UncachedPerSecond,
            UncachedTickets = valid?.Tickets ?? defaults.UncachedTickets,
            ReplayShare = 0,
            Modes = [scenario.VerifyOnDemand],
            Seed = scenario.Seed,
        };
    }
}
