using System.Globalization;
using Pki.Authorities;

namespace Bench.Scenarios.Files;

/// <summary>The compromised IDF model in SUMO: its OBUs are the SUMO vehicles that name the model (<c>vehicles[i].idf</c>).</summary>
internal static partial class ScenarioRules
{
    // The model is one some listed SUMO vehicle names (the default model runs in every other vehicle: revoking it would revoke
    // nearly every OBU); 'count' from the authority's implementation threshold to the number of the model's vehicles; 'at'
    // within the run; no other attack's OBU runs the model (it is revoked model-wide).
    private static void CheckSumoModel(Scenario s, int at, Action<string, ScenarioErrorKind, string> add)
    {
        var c = CultureInfo.InvariantCulture;
        var a = s.Attacks[at];
        var name = IdfModels.Parse(a.Model!) is { } parsed ? IdfModels.Name(parsed) : null;
        var named = s.Vehicles.Where(v => v.Equipment == Equipment.Idf && v.Idf is not null).ToList();
        var running = named.Where(v => IdfModels.Of(v) == name).ToList();
        var threshold = new PkiOptions().ImplementationThreshold;
        if (name == IdfModels.DefaultName)
        {
            add($"$.attacks[{at}].model", ScenarioErrorKind.NotSupported,
                $"{name} is the default model, run by every SUMO vehicle that names none: name the model's vehicles with another model ('vehicles[i].idf')");
            return;
        }

        if (name is null || running.Count == 0)
        {
            add($"$.attacks[{at}].model", ScenarioErrorKind.UnknownModel, string.Create(c,
                $"no SUMO vehicle of the scenario names '{JsonFields.Printable(a.Model!)}' ('vehicles[i].idf'); {(named.Count == 0 ? $"all run {IdfModels.DefaultName}" : $"they name {string.Join(", ", named.Select(IdfModels.Of).Distinct(StringComparer.Ordinal))}")}"));
            return;
        }

        if (a.Count > running.Count)
        {
            add($"$.attacks[{at}].count", ScenarioErrorKind.OutOfRange, string.Create(c, $"{a.Count} exploited, but only {running.Count} SUMO vehicle(s) run {name} ({string.Join(", ", running.Select(v => v.Id))})"));
        }
        else if (a.Count < threshold)
        {
            add($"$.attacks[{at}].count", ScenarioErrorKind.OutOfRange, string.Create(c,
                $"{a.Count} exploited: fewer than the misbehaviour authority's implementation threshold ({threshold} distinct stations of one model) cannot trigger the model-wide revocation"));
        }

        if (ScenarioTranslation.RestrictsObus(s) && s.Vehicles.Where(v => v.Equipment == Equipment.Idf).All(v => IdfModels.Of(v) == name))
        {
            add($"$.attacks[{at}].model", ScenarioErrorKind.NotSupported, $"every OBU runs {name}: give some OBUs another model, whose receivers then refuse the revoked model's stations");
        }

        if (a.At >= s.Duration)
        {
            add($"$.attacks[{at}].at", ScenarioErrorKind.BadTime, string.Create(c, $"{a.At.TotalSeconds} s is outside the run (0 to {s.Duration.TotalSeconds} s of simulation)"));
        }

        var model = running.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < s.Attacks.Count; i++)
        {
            var other = s.Attacks[i];
            if (other.Kind is AttackKind.CompromisedIdfModel || other.Target is not { } target || !model.Contains(target))
            {
                continue;
            }

            add($"$.attacks[{i}].target", ScenarioErrorKind.NotSupported, $"'{JsonFields.Printable(target)}' runs {name}, which is revoked model-wide: pick a vehicle of another model");
        }
    }
}
