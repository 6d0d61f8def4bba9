using System.Globalization;

namespace Bench.Scenarios.Files;

/// <summary>The ghost vehicle's rules: in SUMO it rides with a SUMO vehicle ('by'); on the built-in route it rides with none.</summary>
internal static partial class ScenarioRules
{
    // One ghost per SUMO scenario, riding with a vehicle of the SUMO scenario (any, with an OBU or not: its frames are placed
    // by that vehicle), from 'at' to 'until' (default: 1 s before the run's end).
    private static void CheckSumoGhost(Scenario s, SumoVehicleIds? ids, Action<string, ScenarioErrorKind, string> add)
    {
        var c = CultureInfo.InvariantCulture;
        var ghosts = Indexed(s.Attacks, AttackKind.GhostVehicle).ToList();
        foreach (var extra in ghosts.Skip(1))
        {
            add($"$.attacks[{extra}].kind", ScenarioErrorKind.NotSupported, "one 'ghost-vehicle' per SUMO scenario");
        }

        foreach (var i in ghosts)
        {
            var a = s.Attacks[i];
            if (a.By is not { } by)
            {
                add($"$.attacks[{i}].by", ScenarioErrorKind.MissingField, "a SUMO scenario's ghost-vehicle names the SUMO vehicle its transmitter rides with ('by')");
            }
            else if (ids is not null && !ids.Contains(by))
            {
                add($"$.attacks[{i}].by", ScenarioErrorKind.VehicleNotInSumo,
                    $"no vehicle '{JsonFields.Printable(by)}' in the SUMO scenario ({string.Join(", ", ids.RouteFiles.Select(Path.GetFileName))}; its ids are like {ids.Examples()})");
            }

            if (a.At >= s.Duration || a.Until > s.Duration)
            {
                add($"$.attacks[{i}].{(a.At >= s.Duration ? "at" : "until")}", ScenarioErrorKind.BadTime,
                    string.Create(c, $"{(a.At >= s.Duration ? a.At : a.Until!.Value).TotalSeconds} s is outside the run (0 to {s.Duration.TotalSeconds} s of simulation)"));
            }
            else if (a.Until is { } until && until <= a.At)
            {
                add($"$.attacks[{i}].until", ScenarioErrorKind.BadTime, string.Create(c, $"{until.TotalSeconds} s is not after 'at' ({a.At.TotalSeconds} s)"));
            }
            else if (a.Until is null && a.At >= s.Duration - TimeSpan.FromSeconds(1))
            {
                add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime,
                    string.Create(c, $"without 'until' it ends 1 s before the run's end ({(s.Duration - TimeSpan.FromSeconds(1)).TotalSeconds} s); {a.At.TotalSeconds} s starts no earlier"));
            }
        }
    }

    // The route's ghost is the demo's ghost station, in the middle of the block: it rides with no vehicle.
    private static void RouteGhostRidesWithNone(ScenarioAttack a, int i, Action<string, ScenarioErrorKind, string> add)
    {
        if (a.By is not null)
        {
            add($"$.attacks[{i}].by", ScenarioErrorKind.NotSupported, "the built-in route's ghost rides with no vehicle (it claims the middle of the block); 'by' names a SUMO vehicle");
        }
    }
}
