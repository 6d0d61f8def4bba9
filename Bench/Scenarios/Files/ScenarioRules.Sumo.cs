using System.Globalization;

namespace Bench.Scenarios.Files;

/// <summary>The SUMO bench's rules (<see cref="ScenarioRules"/>): OBUs only, the vehicle ids in the SUMO scenario, the attacks among the vehicles.</summary>
internal static partial class ScenarioRules
{
    private static void CheckSumo(Scenario s, Action<string, ScenarioErrorKind, string> add)
    {
        SumoVehicleIds? ids = null;
        try
        {
            ids = SumoVehicleIds.Read(s.Mobility.SumoConfiguration!);
        }
        catch (InvalidDataException e)
        {
            add("$.mobility.configuration", ScenarioErrorKind.BadSumoScenario, $"the SUMO scenario cannot be read: {e.Message}");
        }

        CheckSumoGhost(s, ids, add);

        for (var i = 0; i < s.Vehicles.Count; i++)
        {
            var v = s.Vehicles[i];
            if (v.Equipment == Equipment.Attacker)
            {
                add($"$.vehicles[{i}].equipment", ScenarioErrorKind.NotSupported,
                    "the SUMO bench's attackers ride with vehicles named by their attacks ('replay' by, 'reflection' target); an attacker vehicle runs with the built-in route");
            }
            else if (ids is not null && !ids.Contains(v.Id))
            {
                add($"$.vehicles[{i}].id", ScenarioErrorKind.VehicleNotInSumo,
                    $"no vehicle '{JsonFields.Printable(v.Id)}' in the SUMO scenario ({string.Join(", ", ids.RouteFiles.Select(Path.GetFileName))}; its ids are like {ids.Examples()})");
            }
        }

        // The attacks among the vehicles (Bench/Attacks): the tamper names the OBU's vehicle, the replay the vehicle its attacker rides with.
        var c = CultureInfo.InvariantCulture;
        foreach (var (kind, field) in new[] { (AttackKind.RogueProcess, "target"), (AttackKind.TamperedFirmware, "target"), (AttackKind.Replay, "by"), (AttackKind.Reflection, "target") })
        {
            var of = Indexed(s.Attacks, kind).ToList();
            foreach (var extra in of.Skip(1))
            {
                add($"$.attacks[{extra}].kind", ScenarioErrorKind.NotSupported, $"one '{AttackLibrary.Name(kind)}' per SUMO scenario");
            }

            foreach (var i in of)
            {
                var a = s.Attacks[i];
                var vehicle = kind == AttackKind.Replay ? a.By : a.Target;
                if (vehicle is null)
                {
                    add($"$.attacks[{i}].{field}", ScenarioErrorKind.MissingField, kind switch
                    {
                        AttackKind.RogueProcess or AttackKind.TamperedFirmware => $"a SUMO scenario's {AttackLibrary.Name(kind)} names the SUMO vehicle whose OBU is tampered ('target')",
                        AttackKind.Replay => "a SUMO scenario's replay names the SUMO vehicle the attacker rides with ('by')",
                        _ => "a SUMO scenario's reflection names the SUMO vehicle whose OBU is the victim ('target'; the reflector rides with it)",
                    });
                }
                else if (ids is not null && !ids.Contains(vehicle))
                {
                    add($"$.attacks[{i}].{field}", ScenarioErrorKind.VehicleNotInSumo,
                        $"no vehicle '{JsonFields.Printable(vehicle)}' in the SUMO scenario ({string.Join(", ", ids.RouteFiles.Select(Path.GetFileName))}; its ids are like {ids.Examples()})");
                }
                else if (kind != AttackKind.Replay && (s.Vehicles.Any(v => v.Id == vehicle && v.Equipment != Equipment.Idf)
                    || (ScenarioTranslation.RestrictsObus(s) && !s.Vehicles.Any(v => v.Id == vehicle))))
                {
                    add($"$.attacks[{i}].target", ScenarioErrorKind.UnknownVehicle, $"'{JsonFields.Printable(vehicle)}' is not one of the scenario's vehicles with an OBU");
                }

                if (a.At >= s.Duration || a.Until > s.Duration)
                {
                    add($"$.attacks[{i}].{(a.At >= s.Duration ? "at" : "until")}", ScenarioErrorKind.BadTime,
                        string.Create(c, $"{(a.At >= s.Duration ? a.At : a.Until!.Value).TotalSeconds} s is outside the run (0 to {s.Duration.TotalSeconds} s of simulation)"));
                }
                else if (!AttackLibrary.IsTamper(kind) && a.Until is null && a.At >= s.Duration - TimeSpan.FromSeconds(1))
                {
                    add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime,
                        string.Create(c, $"without 'until' it ends 1 s before the run's end ({(s.Duration - TimeSpan.FromSeconds(1)).TotalSeconds} s); {a.At.TotalSeconds} s starts no earlier"));
                }
            }
        }

        CheckSumoPostureAndFloods(s, ids, add);

        if (s.Expectations.DetectionWithin is { } within)
        {
            if (!s.Attacks.Any(a => AttackLibrary.IsTamper(a.Kind)))
            {
                add("$.expectations.detectionWithin", ScenarioErrorKind.NotSupported, "goes with a tamper (a rogue-process or a tampered-firmware attack)");
            }
            else if (within < s.ScanPeriod)
            {
                add("$.expectations.detectionWithin", ScenarioErrorKind.OutOfRange, string.Create(c,
                    $"detection takes up to a scan period plus a CAM interval ({(s.ScanPeriod + TimeSpan.FromSeconds(1)).TotalSeconds} s); {within.TotalSeconds} s is shorter than one scan period"));
            }
        }

        if (s.Expectations.ReplaysAccepted is not null && !s.Attacks.Any(a => a.Kind == AttackKind.Replay))
        {
            add("$.expectations.replaysAccepted", ScenarioErrorKind.NotSupported, "goes with a replay attack");
        }
    }
}
