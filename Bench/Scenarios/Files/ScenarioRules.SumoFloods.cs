using System.Globalization;

namespace Bench.Scenarios.Files;

/// <summary>
/// The SUMO bench's rules for a posture turning critical (the target vehicle's OBU) and the floods (the vehicle the
/// flooder rides with, and a rate the run's receivers can take: Bench/Attacks/SumoAttackRun.Floods.cs).
/// </summary>
internal static partial class ScenarioRules
{
    /// <summary>The most frames per second a SUMO flooder sends (each reaches every OBU in its range, all in one bench process).</summary>
    public const double MaxSumoFloodRate = 500;

    private static void CheckSumoPostureAndFloods(Scenario s, SumoVehicleIds? ids, Action<string, ScenarioErrorKind, string> add)
    {
        var c = CultureInfo.InvariantCulture;
        void Vehicle(int i, string field, string? vehicle, string missing, bool needsObu)
        {
            if (vehicle is null)
            {
                add($"$.attacks[{i}].{field}", ScenarioErrorKind.MissingField, missing);
            }
            else if (ids is not null && !ids.Contains(vehicle))
            {
                add($"$.attacks[{i}].{field}", ScenarioErrorKind.VehicleNotInSumo,
                    $"no vehicle '{JsonFields.Printable(vehicle)}' in the SUMO scenario ({string.Join(", ", ids.RouteFiles.Select(Path.GetFileName))}; its ids are like {ids.Examples()})");
            }
            else if (needsObu && (s.Vehicles.Any(v => v.Id == vehicle && v.Equipment != Equipment.Idf)
                || (ScenarioTranslation.RestrictsObus(s) && !s.Vehicles.Any(v => v.Id == vehicle))))
            {
                add($"$.attacks[{i}].{field}", ScenarioErrorKind.UnknownVehicle, $"'{JsonFields.Printable(vehicle)}' is not one of the scenario's vehicles with an OBU");
            }
        }

        var posture = Indexed(s.Attacks, AttackKind.PostureCritical).ToList();
        foreach (var extra in posture.Skip(1))
        {
            add($"$.attacks[{extra}].kind", ScenarioErrorKind.NotSupported, "one 'posture-critical' per SUMO scenario (the posture server imports one advisory)");
        }

        foreach (var i in posture)
        {
            var a = s.Attacks[i];
            Vehicle(i, "target", a.Target, "a SUMO scenario's posture-critical names the SUMO vehicle whose OBU runs the outdated library ('target')", needsObu: true);
            if (a.At >= s.Duration)
            {
                add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime, string.Create(c, $"{a.At.TotalSeconds} s is outside the run (0 to {s.Duration.TotalSeconds} s of simulation)"));
            }
        }

        foreach (var i in Indexed(s.Attacks, AttackKind.ForgedSignatureFlood).Concat(Indexed(s.Attacks, AttackKind.ValidTicketFlood)))
        {
            var a = s.Attacks[i];
            Vehicle(i, "by", a.By, $"a SUMO scenario's {AttackLibrary.Name(a.Kind)} names the SUMO vehicle the flooder rides with ('by'; only receivers in its radio range hear it)", needsObu: false);
            if (a.Rate is { } rate && rate > MaxSumoFloodRate)
            {
                add($"$.attacks[{i}].rate", ScenarioErrorKind.OutOfRange, string.Create(c,
                    $"a SUMO flooder sends at most {MaxSumoFloodRate} frames/s (each reaches every OBU in its range, all decided in this bench process); {rate} is more (the flood bench takes 10,000/s at one receiver)"));
            }

            if (a.Victims is not null || a.Tickets is not null)
            {
                add($"$.attacks[{i}].{(a.Victims is not null ? "victims" : "tickets")}", ScenarioErrorKind.NotSupported,
                    "a SUMO flooder forges the tickets it hears in its range (forged-signature-flood) or carries one fresh ticket per frame (valid-ticket-flood); 'victims' and 'tickets' size the flood bench's traffic");
            }

            if (a.At >= s.Duration || a.Until > s.Duration)
            {
                add($"$.attacks[{i}].{(a.At >= s.Duration ? "at" : "until")}", ScenarioErrorKind.BadTime,
                    string.Create(c, $"{(a.At >= s.Duration ? a.At : a.Until!.Value).TotalSeconds} s is outside the run (0 to {s.Duration.TotalSeconds} s of simulation)"));
            }
            else if (a.Until <= a.At)
            {
                add($"$.attacks[{i}].until", ScenarioErrorKind.BadTime, string.Create(c, $"the flood ends ({a.Until!.Value.TotalSeconds} s) before it starts ({a.At.TotalSeconds} s)"));
            }
        }
    }
}
