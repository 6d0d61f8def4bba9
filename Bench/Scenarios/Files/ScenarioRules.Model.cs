using System.Globalization;
using Pki.Authorities;

namespace Bench.Scenarios.Files;

internal static partial class ScenarioRules
{
    /// <summary>
    /// The IDF models the OBUs run (a vehicle's <c>idf</c>) and the compromised-idf-model attack (in SUMO:
    /// <see cref="CheckSumoModel"/>), whose OBUs report to the misbehaviour authority; exploited on at least as many of the model's OBUs as the authority's
    /// global detection needs to revoke a model (<see cref="PkiOptions.ImplementationThreshold"/>), never more than run it;
    /// the demo's other attacks on OBUs of other models.
    /// </summary>
    private static void CheckModels(Scenario s, Action<string, ScenarioErrorKind, string> add)
    {
        var c = CultureInfo.InvariantCulture;
        for (var i = 0; i < s.Vehicles.Count; i++)
        {
            if (s.Vehicles[i].Idf is not { } named || IdfModels.Parse(named) is not { } idf)
            {
                continue;
            }

            if (IdfModels.SharesDefaultAssessment(idf))
            {
                add($"$.vehicles[{i}].idf", ScenarioErrorKind.OutOfRange,
                    $"'{JsonFields.Printable(named)}' falls under the audit CA's one assessment of {Demo.DemoPki.ObuIdf.Product} {Demo.DemoPki.AssessedVersions} (the default model's): give another version or product");
            }
        }

        var compromises = Indexed(s.Attacks, AttackKind.CompromisedIdfModel).ToList();
        foreach (var extra in compromises.Skip(1))
        {
            add($"$.attacks[{extra}].kind", ScenarioErrorKind.NotSupported, "one 'compromised-idf-model' per scenario");
        }

        if (compromises.Count == 0)
        {
            return;
        }

        if (s.Mobility.Kind == MobilityKind.Sumo)
        {
            CheckSumoModel(s, compromises[0], add);
            return;
        }

        var at = compromises[0];
        var a = s.Attacks[at];
        var obus = s.Vehicles.Where(v => v.Equipment == Equipment.Idf).ToList();
        var name = IdfModels.Parse(a.Model!) is { } parsed ? IdfModels.Name(parsed) : null;
        var running = obus.Where(v => IdfModels.Of(v) == name).ToList();
        var threshold = new PkiOptions().ImplementationThreshold;
        if (name is null || running.Count == 0)
        {
            add($"$.attacks[{at}].model", ScenarioErrorKind.UnknownModel, string.Create(c,
                $"no OBU of the scenario runs '{JsonFields.Printable(a.Model!)}'; they run {string.Join(", ", obus.Select(IdfModels.Of).Distinct(StringComparer.Ordinal))}"));
            return;
        }

        if (a.Count > running.Count)
        {
            add($"$.attacks[{at}].count", ScenarioErrorKind.OutOfRange, string.Create(c, $"{a.Count} exploited, but only {running.Count} OBU(s) run {name} ({string.Join(", ", running.Select(v => v.Id))})"));
        }
        else if (a.Count < threshold)
        {
            add($"$.attacks[{at}].count", ScenarioErrorKind.OutOfRange, string.Create(c,
                $"{a.Count} exploited: fewer than the misbehaviour authority's implementation threshold ({threshold} distinct stations of one model) cannot trigger the model-wide revocation"));
        }

        if (running.Count == obus.Count)
        {
            add($"$.attacks[{at}].model", ScenarioErrorKind.NotSupported, $"every OBU runs {name}: give some OBUs another model ('idf'), whose receivers then reject the revoked model's stations");
        }

        var exploited = running.Take(a.Count ?? 0).Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var model = running.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var i in s.Attacks.Select((x, i) => (x, i)).Where(p => AttackLibrary.IsTamper(p.x.Kind) || p.x.Kind is AttackKind.PostureCritical or AttackKind.Reflection).Select(p => p.i))
        {
            var other = s.Attacks[i];
            if (other.Target is not { } target)
            {
                add($"$.attacks[{i}].target", ScenarioErrorKind.MissingField,
                    $"with a compromised-idf-model the {AttackLibrary.Name(other.Kind)} names its OBU ('target'), one of another model than {name}: a seeded choice could fall on a revoked one");
            }
            else if (model.Contains(target))
            {
                add($"$.attacks[{i}].target", ScenarioErrorKind.NotSupported, exploited.Contains(target)
                    ? $"'{JsonFields.Printable(target)}' is exploited by the compromised-idf-model too: one tamper per OBU; pick an OBU of another model"
                    : $"'{JsonFields.Printable(target)}' runs {name}, which is revoked model-wide; pick an OBU of another model");
            }
        }
    }
}
