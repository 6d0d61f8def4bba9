using System.Globalization;
using Firmware.Application.Receiving;

namespace Bench.Scenarios.Files;

/// <summary>
/// Checks a scenario that reads well against what the bench engine runs: the built-in demo (<c>Bench.Demo.BenchDemo</c>)
/// with its fixed cast and schedule, the SUMO bench (<c>Bench.Mobility.SumoBench</c>) with OBUs only, and the flood
/// bench's receiver (Bench/Flood). Whatever the engine cannot run is an error naming what it runs instead, never
/// silently changed.
/// </summary>
internal static partial class ScenarioRules
{
    /// <summary>Adds every problem of <paramref name="s"/> to <paramref name="errors"/>.</summary>
    public static void Check(Scenario s, List<ScenarioError> errors)
    {
        void Add(string path, ScenarioErrorKind kind, string message) => errors.Add(new ScenarioError(path, kind, message));

        var floods = s.Attacks.Where(a => AttackLibrary.IsFlood(a.Kind)).ToList();
        if (s.Mobility.Kind == MobilityKind.Route)
        {
            CheckRoute(s, Add);
        }
        else
        {
            CheckSumo(s, Add);
        }

        CheckModels(s, Add);

        // The flood bench: one receiver, its own traffic; both floods run together (Bench/Flood/FloodOptions).
        foreach (var kind in new[] { AttackKind.ForgedSignatureFlood, AttackKind.ValidTicketFlood })
        {
            foreach (var extra in Indexed(s.Attacks, kind).Skip(1))
            {
                Add($"$.attacks[{extra}].kind", ScenarioErrorKind.NotSupported, $"one '{AttackLibrary.Name(kind)}' per scenario: the flood bench runs each flood once");
            }
        }

        foreach (var i in Indexed(s.Attacks, AttackKind.ForgedSignatureFlood).Concat(Indexed(s.Attacks, AttackKind.ValidTicketFlood)))
        {
            var a = s.Attacks[i];
            if (a.By is not null && s.Mobility.Kind == MobilityKind.Route)
            {
                Add($"$.attacks[{i}].by", ScenarioErrorKind.NotSupported, "the flood bench's flooder rides with no vehicle (it floods its one receiver); 'by' names the vehicle a SUMO flooder rides with");
            }

            if (a.At > TimeSpan.FromMinutes(1) && s.Mobility.Kind == MobilityKind.Route)
            {
                Add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime, "a flood starts after at most 60 s of genuine traffic alone (the flood bench's warm-up; its times count from the flood bench's start)");
            }

            if (a.Until is null)
            {
                Add($"$.attacks[{i}].until", ScenarioErrorKind.MissingField, s.Mobility.Kind == MobilityKind.Route
                    ? "a flood needs its end ('until', seconds from the flood bench's start)" : "a flood needs its end ('until', seconds of simulation from the run's start)");
            }
            else if (a.Until.Value - a.At > TimeSpan.FromMinutes(10))
            {
                Add($"$.attacks[{i}].until", ScenarioErrorKind.BadTime, "a flood lasts at most 600 s");
            }
        }

        if (floods.Count == 2 && s.Mobility.Kind == MobilityKind.Route && (floods[0].At != floods[1].At || floods[0].Until != floods[1].Until))
        {
            Add($"$.attacks[{s.Attacks.ToList().IndexOf(floods[1])}]", ScenarioErrorKind.BadTime,
                "the two floods run together at the flood bench's receiver: give them the same 'at' and 'until'");
        }

        if (floods.Count == 0 && s.VerifyOnDemand != VerifyOnDemandMode.Off && s.Mobility.Kind != MobilityKind.Sumo)
        {
            Add("$.receivers.verifyOnDemand", ScenarioErrorKind.NotSupported,
                "the demo's OBUs run without verify-on-demand; it applies to the SUMO bench's OBUs and to the flood bench's receiver (a forged-signature-flood or valid-ticket-flood)");
        }

        if (floods.Count == 0 && s.Expectations.FloodInTimeAtLeast is not null)
        {
            Add("$.expectations.floodInTimeAtLeast", ScenarioErrorKind.NotSupported, "goes with a flood attack");
        }

        // The engine's own limits (the duration against the scan period and the schedule of 4 to 12 OBUs, SUMO's pacing
        // and range): DemoOptions.Validate's words, once the cast is right.
        if (errors.Count == 0)
        {
            try
            {
                ScenarioTranslation.ToDemoOptions(s, Path.GetTempPath()).Validate();
            }
            catch (ArgumentException e)
            {
                Add(e.ParamName switch
                {
                    "ScanPeriod" => "$.scanPeriod",
                    "Pacing" => "$.pacing",
                    "MaxObus" => "$.mobility.maxObus",
                    "RangeMeters" or "LossFromMeters" => "$.radio",
                    "ModelCompromise" => $"$.attacks[{Indexed(s.Attacks, AttackKind.CompromisedIdfModel).FirstOrDefault()}].at",
                    "IdfModels" => "$.vehicles",
                    _ => "$.duration",
                }, ScenarioErrorKind.OutOfRange, e.Message[..(e.Message.IndexOf(" (Parameter", StringComparison.Ordinal) is var p and > 0 ? p : e.Message.Length)]);
            }
        }

        var known = ExpectationIds.For(s.Mobility.Kind, floods.Count > 0).ToList();
        for (var i = 0; i < s.Expectations.Checks.Count; i++)
        {
            var id = s.Expectations.Checks[i];
            if (!known.Contains(id, StringComparer.Ordinal))
            {
                Add($"$.expectations.checks[{i}]", ScenarioErrorKind.UnknownExpectation,
                    $"unknown check '{JsonFields.Printable(id)}'; a {(s.Mobility.Kind == MobilityKind.Route ? "built-in route" : "SUMO")} scenario{(floods.Count > 0 ? " with a flood" : "")} checks {string.Join(", ", known)}");
            }
            else if (Needs(id) is { } needed && !s.Attacks.Any(a => a.Kind == needed) && (s.Mobility.Kind == MobilityKind.Sumo || needed != AttackKind.Replay))
            {
                Add($"$.expectations.checks[{i}]", ScenarioErrorKind.UnknownExpectation,
                    $"the check '{id}' goes with a {AttackLibrary.Name(needed)} attack, which the file does not schedule");
            }
            else if (id is "flood-refused" or "flood-in-time" && floods.Count == 0)
            {
                Add($"$.expectations.checks[{i}]", ScenarioErrorKind.UnknownExpectation, $"the check '{id}' goes with a forged-signature-flood or a valid-ticket-flood, which the file does not schedule");
            }
            else if (id == "reflection-refused" && !s.Attacks.Any(a => a.Kind == AttackKind.Reflection))
            {
                Add($"$.expectations.checks[{i}]", ScenarioErrorKind.UnknownExpectation, "the check 'reflection-refused' goes with a reflection attack, which the file does not schedule");
            }
            else if (id == "hub-holds-summary" && !s.Hub)
            {
                Add($"$.expectations.checks[{i}]", ScenarioErrorKind.UnknownExpectation, "the hub check needs \"hub\": true");
            }
        }
    }

    // The attack a check goes with (null: a check of every run); the built-in route always runs its replay attacker.
    private static AttackKind? Needs(string check) => check switch
    {
        "tamper-detected" => AttackKind.RogueProcess,
        "firmware-tamper-detected" => AttackKind.TamperedFirmware,
        "replays-rejected" => AttackKind.Replay,
        "ghost-revoked" => AttackKind.GhostVehicle,
        "model-revoked" or "other-models-unaffected" => AttackKind.CompromisedIdfModel,
        "posture-mitigated" => AttackKind.PostureCritical,
        _ => null,
    };

    private static void CheckRoute(Scenario s, Action<string, ScenarioErrorKind, string> add)
    {
        // The demo's cast: obu-1 … obu-N (4 to 12) with the IDF, one legacy station legacy-1, one replay attacker.
        var idf = s.Vehicles.Select((v, i) => (v, i)).Where(p => p.v.Equipment == Equipment.Idf).ToList();
        for (var n = 0; n < idf.Count; n++)
        {
            if (idf[n].v.Id != $"obu-{n + 1}")
            {
                add($"$.vehicles[{idf[n].i}].id", ScenarioErrorKind.UnknownVehicle,
                    $"the built-in route's OBUs are obu-1, obu-2, … in order; this one is obu-{n + 1}, not '{JsonFields.Printable(idf[n].v.Id)}'");
            }
        }

        if (idf.Count is < 4 or > 12)
        {
            add("$.vehicles", ScenarioErrorKind.OutOfRange, $"the built-in route runs 4 to 12 OBUs with the IDF; the file has {idf.Count}");
        }

        Single(s, Equipment.Legacy, "legacy-1", "one legacy station", add);
        Single(s, Equipment.Attacker, "attacker", "one replay attacker", add);
        if (s.Pacing != 1)
        {
            add("$.pacing", ScenarioErrorKind.NotSupported, "the built-in route runs in real time (pacing 1); pacing goes with SUMO mobility");
        }

        if (s.RangeMeters is not null || s.LossFromMeters is not null)
        {
            add("$.radio.range", ScenarioErrorKind.NotSupported, "the built-in route's radio has no range (every node hears every frame); range and loss go with SUMO mobility");
        }

        // The demo's schedule: the replay attacker from 1 s to 1 s before the end, the tamper at half the run (two phases of equal length).
        var c = CultureInfo.InvariantCulture;
        var half = s.Duration / 2;
        var rogue = s.Attacks.Select((a, i) => (a, i)).Where(p => AttackLibrary.IsTamper(p.a.Kind)).Select(p => p.i).ToList();
        var replay = Indexed(s.Attacks, AttackKind.Replay).ToList();
        if (rogue.Count != 1)
        {
            add("$.attacks", ScenarioErrorKind.NotSupported, string.Create(c,
                $"the built-in route runs exactly one tamper, a rogue-process or a tampered-firmware (at half the run: {half.TotalSeconds} s); the file has {rogue.Count}"));
        }

        if (replay.Count != 1)
        {
            add("$.attacks", ScenarioErrorKind.NotSupported, string.Create(c,
                $"the built-in route runs exactly one replay (by the attacker, from 1 s to {(s.Duration - TimeSpan.FromSeconds(1)).TotalSeconds} s); the file has {replay.Count}"));
        }

        foreach (var i in rogue)
        {
            var a = s.Attacks[i];
            if (a.At > s.Duration)
            {
                add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime, string.Create(c, $"{a.At.TotalSeconds} s is after the run's end ({s.Duration.TotalSeconds} s)"));
            }
            else if (!Near(a.At, half))
            {
                add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime, string.Create(c,
                    $"the tamper ({AttackLibrary.Name(a.Kind)}) happens at half the run ({half.TotalSeconds} s of {s.Duration.TotalSeconds} s: the demo's clean and tampered phases are of equal length), not at {a.At.TotalSeconds} s"));
            }

            if (a.Target is { } target && !s.Vehicles.Any(v => v.Id == target && v.Equipment == Equipment.Idf))
            {
                add($"$.attacks[{i}].target", ScenarioErrorKind.UnknownVehicle, $"'{JsonFields.Printable(target)}' is not one of the scenario's OBUs with the IDF");
            }
        }

        foreach (var i in replay)
        {
            var a = s.Attacks[i];
            var last = s.Duration - TimeSpan.FromSeconds(1);
            if (a.By is { } by && !s.Vehicles.Any(v => v.Id == by && v.Equipment == Equipment.Attacker))
            {
                add($"$.attacks[{i}].by", ScenarioErrorKind.UnknownVehicle, $"'{JsonFields.Printable(by)}' is not the scenario's attacker");
            }

            if (a.At >= s.Duration || a.Until > s.Duration)
            {
                add($"$.attacks[{i}].{(a.At >= s.Duration ? "at" : "until")}", ScenarioErrorKind.BadTime, string.Create(c, $"outside the run (0 to {s.Duration.TotalSeconds} s)"));
            }
            else if (!Near(a.At, TimeSpan.FromSeconds(1)) || (a.Until is { } u && !Near(u, last)))
            {
                add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime, string.Create(c,
                    $"the replay attacker listens and replays from 1 s to {last.TotalSeconds} s of the run (1 s before the end); give \"at\": 1 and \"until\": {last.TotalSeconds} or leave 'until' out"));
            }
        }

        CheckGhostAndPosture(s, rogue, add);

        // The reflection: at most one, on one of the OBUs, within the run.
        var reflections = Indexed(s.Attacks, AttackKind.Reflection).ToList();
        foreach (var extra in reflections.Skip(1))
        {
            add($"$.attacks[{extra}].kind", ScenarioErrorKind.NotSupported, "one 'reflection' per scenario");
        }

        foreach (var i in reflections)
        {
            var a = s.Attacks[i];
            if (a.Target is not { } victim)
            {
                add($"$.attacks[{i}].target", ScenarioErrorKind.MissingField, "a reflection names its victim, one of the scenario's OBUs ('target')");
            }
            else if (!s.Vehicles.Any(v => v.Id == victim && v.Equipment == Equipment.Idf))
            {
                add($"$.attacks[{i}].target", ScenarioErrorKind.UnknownVehicle, $"'{JsonFields.Printable(victim)}' is not one of the scenario's OBUs with the IDF");
            }

            if (a.At >= s.Duration || a.Until > s.Duration)
            {
                add($"$.attacks[{i}].{(a.At >= s.Duration ? "at" : "until")}", ScenarioErrorKind.BadTime,
                    string.Create(c, $"{(a.At >= s.Duration ? a.At : a.Until!.Value).TotalSeconds} s is outside the run (0 to {s.Duration.TotalSeconds} s)"));
            }
            else if (a.Until is null && a.At >= s.Duration - TimeSpan.FromSeconds(1))
            {
                add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime,
                    string.Create(c, $"without 'until' it ends 1 s before the run's end ({(s.Duration - TimeSpan.FromSeconds(1)).TotalSeconds} s); {a.At.TotalSeconds} s starts no earlier"));
            }
        }

        if (s.Expectations.DetectionWithin is { } within && within < s.ScanPeriod)
        {
            add("$.expectations.detectionWithin", ScenarioErrorKind.OutOfRange, string.Create(c,
                $"detection takes up to a scan period plus a CAM interval ({(s.ScanPeriod + TimeSpan.FromSeconds(1)).TotalSeconds} s); {within.TotalSeconds} s is shorter than one scan period"));
        }
    }

    // The demo's ghost phase (from 1 s to half a second before the end) and posture phase (the advisory at half the run, on
    // an OBU other than the tampered one): issue 14, Build 8; each exactly once, as the demo always runs them.
    private static void CheckGhostAndPosture(Scenario s, List<int> rogue, Action<string, ScenarioErrorKind, string> add)
    {
        var c = CultureInfo.InvariantCulture;
        var half = s.Duration / 2;
        var ghost = Indexed(s.Attacks, AttackKind.GhostVehicle).ToList();
        var posture = Indexed(s.Attacks, AttackKind.PostureCritical).ToList();
        var last = s.Duration - TimeSpan.FromSeconds(0.5);
        if (ghost.Count != 1)
        {
            add("$.attacks", ScenarioErrorKind.NotSupported, string.Create(c,
                $"the built-in route runs exactly one ghost-vehicle (its ghost station, from 1 s to {last.TotalSeconds} s); the file has {ghost.Count}"));
        }

        if (posture.Count != 1)
        {
            add("$.attacks", ScenarioErrorKind.NotSupported, string.Create(c,
                $"the built-in route runs exactly one posture-critical (the posture server's advisory at half the run: {half.TotalSeconds} s); the file has {posture.Count}"));
        }

        foreach (var i in ghost)
        {
            var a = s.Attacks[i];
            RouteGhostRidesWithNone(a, i, add);
            if (a.At >= s.Duration || a.Until > s.Duration)
            {
                add($"$.attacks[{i}].{(a.At >= s.Duration ? "at" : "until")}", ScenarioErrorKind.BadTime, string.Create(c, $"outside the run (0 to {s.Duration.TotalSeconds} s)"));
            }
            else if (!Near(a.At, TimeSpan.FromSeconds(1)) || (a.Until is { } u && !Near(u, last)))
            {
                add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime, string.Create(c,
                    $"the ghost vehicle sends from 1 s to {last.TotalSeconds} s of the run (half a second before the end); give \"at\": 1 and \"until\": {last.TotalSeconds} or leave 'until' out"));
            }
        }

        var tampered = rogue.Count == 1 ? s.Attacks[rogue[0]].Target : null;
        foreach (var i in posture)
        {
            var a = s.Attacks[i];
            if (a.At > s.Duration)
            {
                add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime, string.Create(c, $"{a.At.TotalSeconds} s is after the run's end ({s.Duration.TotalSeconds} s)"));
            }
            else if (!Near(a.At, half))
            {
                add($"$.attacks[{i}].at", ScenarioErrorKind.BadTime, string.Create(c,
                    $"the posture server learns of the weakness at half the run ({half.TotalSeconds} s of {s.Duration.TotalSeconds} s, with the tamper), not at {a.At.TotalSeconds} s"));
            }

            if (a.Target is not { } target)
            {
                continue;
            }

            if (!s.Vehicles.Any(v => v.Id == target && v.Equipment == Equipment.Idf))
            {
                add($"$.attacks[{i}].target", ScenarioErrorKind.UnknownVehicle, $"'{JsonFields.Printable(target)}' is not one of the scenario's OBUs with the IDF");
            }
            else if (tampered is null || tampered == target)
            {
                add($"$.attacks[{i}].target", ScenarioErrorKind.NotSupported, tampered is null
                    ? "a posture-critical target goes with a tamper's target (another OBU): with the seeded tamper they could be the same OBU"
                    : $"'{JsonFields.Printable(target)}' is the tamper's target; the posture turns critical on another OBU");
            }
        }
    }

    private static void Single(Scenario s, Equipment equipment, string id, string what, Action<string, ScenarioErrorKind, string> add)
    {
        var of = s.Vehicles.Select((v, i) => (v, i)).Where(p => p.v.Equipment == equipment).ToList();
        if (of.Count != 1)
        {
            add("$.vehicles", ScenarioErrorKind.NotSupported, $"the built-in route always runs {what} ('{id}'); the file has {of.Count}");
        }
        else if (of[0].v.Id != id)
        {
            add($"$.vehicles[{of[0].i}].id", ScenarioErrorKind.UnknownVehicle, $"the built-in route's {what} is '{id}', not '{JsonFields.Printable(of[0].v.Id)}'");
        }
    }

    private static IEnumerable<int> Indexed(IReadOnlyList<ScenarioAttack> attacks, AttackKind kind) =>
        attacks.Select((a, i) => (a, i)).Where(p => p.a.Kind == kind).Select(p => p.i);

    private static bool Near(TimeSpan a, TimeSpan b) => (a - b).Duration() <= TimeSpan.FromMilliseconds(1);
}
