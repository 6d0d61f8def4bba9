using System.Text.Json.Nodes;
using Bench.Cli;
using Bench.Scenarios.Files;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Scenarios;

/// <summary>
/// Bad scenario files, each with the typed error and JSON path it must give, through the loader and through
/// <c>Bench scenario FILE</c> (exit 2, the message on standard error, nothing run).
/// </summary>
public class ScenarioLoaderTests
{
    public static TheoryData<string, string, ScenarioErrorKind, string> BadFiles => new()
    {
        // The file itself.
        { "not JSON", "{ name: demo", ScenarioErrorKind.NotJson, "$" },
        { "empty file", "", ScenarioErrorKind.NotJson, "$" },
        { "nested 100 deep", new string('[', 100) + new string(']', 100), ScenarioErrorKind.NotJson, "$" },
        { "an array, not an object", "[1, 2]", ScenarioErrorKind.WrongType, "$" },
        { "trailing comma", DemoWith(_ => { }).TrimEnd('}') + ",}", ScenarioErrorKind.NotJson, "$" },

        // Fields.
        { "name missing", DemoWith(r => r.Remove("name")), ScenarioErrorKind.MissingField, "$.name" },
        { "name null", DemoWith(r => r["name"] = null), ScenarioErrorKind.WrongType, "$.name" },
        { "attacks missing", DemoWith(r => r.Remove("attacks")), ScenarioErrorKind.MissingField, "$.attacks" },
        { "a typo: 'atacks'", DemoWith(r => r["atacks"] = new JsonArray()), ScenarioErrorKind.UnknownField, "$.atacks" },
        { "a hostile field name", DemoWith(r => r["we\u0001ird'name"] = 1), ScenarioErrorKind.UnknownField, "$['we?ird\\'name']" },
        { "name given twice", DemoWith(_ => { }).Replace("\"name\":\"demo\"", "\"name\":\"demo\",\"name\":\"other\"", StringComparison.Ordinal), ScenarioErrorKind.DuplicateField, "$.name" },
        { "duration as text", DemoWith(r => r["duration"] = "30 s"), ScenarioErrorKind.WrongType, "$.duration" },
        { "duration of two hours", DemoWith(r => r["duration"] = 7200), ScenarioErrorKind.OutOfRange, "$.duration" },
        { "seed not whole", DemoWith(r => r["seed"] = 1.5), ScenarioErrorKind.WrongType, "$.seed" },
        { "unknown mobility", DemoWith(r => r["mobility"]!["kind"] = "teleport"), ScenarioErrorKind.OutOfRange, "$.mobility.kind" },
        { "unknown carrier", DemoWith(r => r["radio"]!["carrier"] = "smoke"), ScenarioErrorKind.OutOfRange, "$.radio.carrier" },

        // Attacks.
        { "unknown attack", DemoWith(r => AttackList(r)[1]!["kind"] = "emp"), ScenarioErrorKind.UnknownAttack, "$.attacks[1].kind" },
        { "an attack not built yet", DemoWith(r => AttackList(r)[1]!["kind"] = "position-falsification"), ScenarioErrorKind.AttackNotBuilt, "$.attacks[1].kind" },
        { "time as text", DemoWith(r => AttackList(r)[1]!["at"] = "half-way"), ScenarioErrorKind.BadTime, "$.attacks[1].at" },
        { "negative time", DemoWith(r => AttackList(r)[1]!["at"] = -1), ScenarioErrorKind.BadTime, "$.attacks[1].at" },
        { "attack time missing", DemoWith(r => AttackList(r)[1]!.AsObject().Remove("at")), ScenarioErrorKind.MissingField, "$.attacks[1].at" },
        { "tamper after the run's end", DemoWith(r => AttackList(r)[1]!["at"] = 45), ScenarioErrorKind.BadTime, "$.attacks[1].at" },
        { "tamper not at half the run", DemoWith(r => AttackList(r)[1]!["at"] = 10), ScenarioErrorKind.BadTime, "$.attacks[1].at" },
        { "replay ends before it starts", DemoWith(r => AttackList(r)[0]!["until"] = 0.5), ScenarioErrorKind.BadTime, "$.attacks[0].until" },
        { "replay beyond the run", DemoWith(r => AttackList(r)[0]!["until"] = 40), ScenarioErrorKind.BadTime, "$.attacks[0].until" },
        { "replay from 5 s (the attacker starts at 1 s)", DemoWith(r => AttackList(r)[0]!["at"] = 5), ScenarioErrorKind.BadTime, "$.attacks[0].at" },
        { "no tamper", DemoWith(r => AttackList(r).RemoveAt(1)), ScenarioErrorKind.NotSupported, "$.attacks" },
        { "a rate for the rogue process", DemoWith(r => AttackList(r)[1]!["rate"] = 10), ScenarioErrorKind.UnknownField, "$.attacks[1].rate" },
        { "tamper target the legacy station", DemoWith(r => AttackList(r)[1]!["target"] = "legacy-1"), ScenarioErrorKind.UnknownVehicle, "$.attacks[1].target" },
        // Tampered firmware: the route's one tamper in place of the rogue process (same fields, same half-way instant).
        { "a rogue process and tampered firmware on the route", DemoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "tampered-firmware", ["at"] = 15 })), ScenarioErrorKind.NotSupported, "$.attacks" },
        { "tampered firmware not at half the run", DemoWith(r => { AttackList(r)[1]!["kind"] = "tampered-firmware"; AttackList(r)[1]!["at"] = 10; }), ScenarioErrorKind.BadTime, "$.attacks[1].at" },
        { "tampered firmware after the run's end", DemoWith(r => { AttackList(r)[1]!["kind"] = "tampered-firmware"; AttackList(r)[1]!["at"] = 45; }), ScenarioErrorKind.BadTime, "$.attacks[1].at" },
        { "tampered firmware on the legacy station", DemoWith(r => { AttackList(r)[1]!["kind"] = "tampered-firmware"; AttackList(r)[1]!["target"] = "legacy-1"; }), ScenarioErrorKind.UnknownVehicle, "$.attacks[1].target" },
        { "tampered firmware on the attacker", DemoWith(r => { AttackList(r)[1]!["kind"] = "tampered-firmware"; AttackList(r)[1]!["target"] = "attacker"; }), ScenarioErrorKind.UnknownVehicle, "$.attacks[1].target" },
        { "tampered firmware with an until", DemoWith(r => { AttackList(r)[1]!["kind"] = "tampered-firmware"; AttackList(r)[1]!["until"] = 20; }), ScenarioErrorKind.UnknownField, "$.attacks[1].until" },
        { "the firmware check with a rogue process", DemoWith(r => r["expectations"]!["checks"] = new JsonArray("firmware-tamper-detected")), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "the rogue-process check with tampered firmware", DemoWith(r => { AttackList(r)[1]!["kind"] = "tampered-firmware"; r["expectations"]!["checks"] = new JsonArray("tamper-detected"); }), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "replay by an OBU", DemoWith(r => AttackList(r)[0]!["by"] = "obu-1"), ScenarioErrorKind.UnknownVehicle, "$.attacks[0].by" },
        { "floods at different times", DemoWith(r =>
            {
                AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["at"] = 1, ["until"] = 11 });
                AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 2, ["until"] = 11 });
            }), ScenarioErrorKind.BadTime, "$.attacks[5]" },
        // The ghost vehicle (demo.json's attacks[2]) and the posture turning critical (attacks[3]).
        { "ghost time as text", DemoWith(r => AttackList(r)[2]!["at"] = "soon"), ScenarioErrorKind.BadTime, "$.attacks[2].at" },
        { "ghost from 5 s (it sends from 1 s)", DemoWith(r => AttackList(r)[2]!["at"] = 5), ScenarioErrorKind.BadTime, "$.attacks[2].at" },
        { "ghost beyond the run", DemoWith(r => AttackList(r)[2]!["until"] = 31), ScenarioErrorKind.BadTime, "$.attacks[2].until" },
        { "ghost ending before it starts", DemoWith(r => AttackList(r)[2]!["until"] = 0.5), ScenarioErrorKind.BadTime, "$.attacks[2].until" },
        { "ghost with a target", DemoWith(r => AttackList(r)[2]!["target"] = "obu-1"), ScenarioErrorKind.UnknownField, "$.attacks[2].target" },
        { "no ghost", DemoWith(r => AttackList(r).RemoveAt(2)), ScenarioErrorKind.NotSupported, "$.attacks" },
        { "two ghosts", DemoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "ghost-vehicle", ["at"] = 1 })), ScenarioErrorKind.NotSupported, "$.attacks" },
        { "posture time negative", DemoWith(r => AttackList(r)[3]!["at"] = -3), ScenarioErrorKind.BadTime, "$.attacks[3].at" },
        { "posture not at half the run", DemoWith(r => AttackList(r)[3]!["at"] = 20), ScenarioErrorKind.BadTime, "$.attacks[3].at" },
        { "posture after the run's end", DemoWith(r => AttackList(r)[3]!["at"] = 40), ScenarioErrorKind.BadTime, "$.attacks[3].at" },
        { "posture target not a vehicle", DemoWith(r => { AttackList(r)[1]!["target"] = "obu-2"; AttackList(r)[3]!["target"] = "obu-9"; }), ScenarioErrorKind.UnknownVehicle, "$.attacks[3].target" },
        { "posture target the legacy station", DemoWith(r => { AttackList(r)[1]!["target"] = "obu-2"; AttackList(r)[3]!["target"] = "legacy-1"; }), ScenarioErrorKind.UnknownVehicle, "$.attacks[3].target" },
        { "posture target the tampered OBU", DemoWith(r => { AttackList(r)[1]!["target"] = "obu-2"; AttackList(r)[3]!["target"] = "obu-2"; }), ScenarioErrorKind.NotSupported, "$.attacks[3].target" },
        { "posture target with a seeded tamper", DemoWith(r => AttackList(r)[3]!["target"] = "obu-3"), ScenarioErrorKind.NotSupported, "$.attacks[3].target" },
        { "posture with an end", DemoWith(r => AttackList(r)[3]!["until"] = 20), ScenarioErrorKind.UnknownField, "$.attacks[3].until" },
        { "no posture", DemoWith(r => AttackList(r).RemoveAt(3)), ScenarioErrorKind.NotSupported, "$.attacks" },
        { "flood without an end", DemoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["at"] = 1 })), ScenarioErrorKind.MissingField, "$.attacks[4].until" },

        // A compromised IDF model (idf-model-compromise.json: attacks[2]; obu-1 to obu-4 run IntegrityGuard 0.9).
        { "a compromised model no OBU runs", ModelWith(r => AttackList(r)[2]!["model"] = "IntegrityGuard 0.8"), ScenarioErrorKind.UnknownModel, "$.attacks[2].model" },
        { "a compromised model exploited on more OBUs than run it", ModelWith(r => AttackList(r)[2]!["count"] = 5), ScenarioErrorKind.OutOfRange, "$.attacks[2].count" },
        { "a compromised model exploited below the authority's threshold", ModelWith(r => AttackList(r)[2]!["count"] = 2), ScenarioErrorKind.OutOfRange, "$.attacks[2].count" },
        { "the rogue process on an exploited OBU", ModelWith(r => AttackList(r)[3]!["target"] = "obu-1"), ScenarioErrorKind.NotSupported, "$.attacks[3].target" },
        { "the posture on the model's untouched OBU", ModelWith(r => AttackList(r)[4]!["target"] = "obu-4"), ScenarioErrorKind.NotSupported, "$.attacks[4].target" },
        { "a seeded tamper with a compromised model", ModelWith(r => AttackList(r)[3]!.AsObject().Remove("target")), ScenarioErrorKind.MissingField, "$.attacks[3].target" },
        { "a compromised model without its model", ModelWith(r => AttackList(r)[2]!.AsObject().Remove("model")), ScenarioErrorKind.MissingField, "$.attacks[2].model" },
        { "a target for the compromised model", ModelWith(r => AttackList(r)[2]!["target"] = "obu-1"), ScenarioErrorKind.UnknownField, "$.attacks[2].target" },
        { "a compromised model exploited too late", ModelWith(r => AttackList(r)[2]!["at"] = 20), ScenarioErrorKind.OutOfRange, "$.attacks[2].at" },
        { "two compromised models", ModelWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "compromised-idf-model", ["at"] = 3, ["model"] = "IntegrityGuard 1.0", ["count"] = 3 })), ScenarioErrorKind.NotSupported, "$.attacks[5].kind" },
        { "every OBU of the compromised model", ModelWith(r => { foreach (var v in Vehicles(r).Take(8)) { v!["idf"] = "IntegrityGuard 0.9"; } }), ScenarioErrorKind.NotSupported, "$.attacks[2].model" },
        { "a malformed IDF model", ModelWith(r => Vehicles(r)[0]!["idf"] = "IntegrityGuard"), ScenarioErrorKind.OutOfRange, "$.vehicles[0].idf" },
        { "an IDF model on the legacy station", ModelWith(r => Vehicles(r)[8]!["idf"] = "NoIdf 1.0"), ScenarioErrorKind.NotSupported, "$.vehicles[8].idf" },
        { "a model under the default's assessment", ModelWith(r => { foreach (var v in Vehicles(r).Take(4)) { v!["idf"] = "IntegrityGuard 1.1"; } AttackList(r)[2]!["model"] = "IntegrityGuard 1.1"; }), ScenarioErrorKind.OutOfRange, "$.vehicles[0].idf" },
        { "a model check without the attack", DemoWith(r => r["expectations"]!["checks"] = new JsonArray("model-revoked")), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "a compromised default model in SUMO", SumoWith(r => { SumoModel(r, 3); AttackList(r).Add(new JsonObject { ["kind"] = "compromised-idf-model", ["at"] = 5, ["model"] = "IntegrityGuard 1.0", ["count"] = 3 }); }), ScenarioErrorKind.NotSupported, "$.attacks[0].model" },
        { "a compromised model no SUMO vehicle names", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "compromised-idf-model", ["at"] = 5, ["model"] = "IntegrityGuard 0.9", ["count"] = 3 })), ScenarioErrorKind.UnknownModel, "$.attacks[0].model" },
        { "a SUMO model's vehicle not in SUMO", SumoWith(r => Vehicles(r).Add(new JsonObject { ["id"] = "bus-7", ["equipment"] = "idf", ["idf"] = "IntegrityGuard 0.9" })), ScenarioErrorKind.VehicleNotInSumo, "$.vehicles[0].id" },
        { "a SUMO model under the default's assessment", SumoWith(r => Vehicles(r).Add(new JsonObject { ["id"] = "n.1", ["equipment"] = "idf", ["idf"] = "IntegrityGuard 1.1" })), ScenarioErrorKind.OutOfRange, "$.vehicles[0].idf" },
        { "a SUMO compromised model below the authority's threshold", SumoWith(r => { SumoModel(r, 3); AttackList(r).Add(new JsonObject { ["kind"] = "compromised-idf-model", ["at"] = 5, ["model"] = "IntegrityGuard 0.9", ["count"] = 2 }); }), ScenarioErrorKind.OutOfRange, "$.attacks[0].count" },
        { "a SUMO compromised model on more OBUs than run it", SumoWith(r => { SumoModel(r, 3); AttackList(r).Add(new JsonObject { ["kind"] = "compromised-idf-model", ["at"] = 5, ["model"] = "IntegrityGuard 0.9", ["count"] = 4 }); }), ScenarioErrorKind.OutOfRange, "$.attacks[0].count" },
        { "a SUMO compromised model after the run", SumoWith(r => { SumoModel(r, 3); AttackList(r).Add(new JsonObject { ["kind"] = "compromised-idf-model", ["at"] = 95, ["model"] = "IntegrityGuard 0.9", ["count"] = 3 }); }), ScenarioErrorKind.BadTime, "$.attacks[0].at" },
        { "a SUMO tamper on a vehicle of the compromised model", SumoWith(r => { SumoModel(r, 3); AttackList(r).Add(new JsonObject { ["kind"] = "compromised-idf-model", ["at"] = 5, ["model"] = "IntegrityGuard 0.9", ["count"] = 3 }); AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["at"] = 45, ["target"] = "n.2" }); }), ScenarioErrorKind.NotSupported, "$.attacks[1].target" },

        // Vehicles.
        { "unknown equipment", DemoWith(r => Vehicles(r)[5]!["equipment"] = "jammer"), ScenarioErrorKind.UnknownEquipment, "$.vehicles[5].equipment" },
        { "a reflection without its victim", DemoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "reflection", ["at"] = 5 })), ScenarioErrorKind.MissingField, "$.attacks[4].target" },
        { "a reflection of the legacy station", DemoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "reflection", ["at"] = 5, ["target"] = "legacy-1" })), ScenarioErrorKind.UnknownVehicle, "$.attacks[4].target" },
        { "a reflection after the run", DemoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "reflection", ["at"] = 30, ["target"] = "obu-2" })), ScenarioErrorKind.BadTime, "$.attacks[4].at" },
        { "a reflection starting after its default end", DemoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "reflection", ["at"] = 29.5, ["target"] = "obu-2" })), ScenarioErrorKind.BadTime, "$.attacks[4].at" },
        { "a reflection with an attacker", DemoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "reflection", ["at"] = 5, ["target"] = "obu-2", ["by"] = "attacker" })), ScenarioErrorKind.UnknownField, "$.attacks[4].by" },
        { "a reflection check without a reflection", DemoWith(r => r["expectations"]!["checks"] = new JsonArray("reflection-refused")), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "a vehicle listed twice", DemoWith(r => Vehicles(r)[2]!["id"] = "obu-2"), ScenarioErrorKind.DuplicateId, "$.vehicles[2].id" },
        { "an OBU out of the engine's names", DemoWith(r => Vehicles(r)[2]!["id"] = "car-3"), ScenarioErrorKind.UnknownVehicle, "$.vehicles[2].id" },
        { "three OBUs", DemoWith(r => Vehicles(r).RemoveAt(3)), ScenarioErrorKind.OutOfRange, "$.vehicles" },
        { "no legacy station", DemoWith(r => Vehicles(r).RemoveAt(4)), ScenarioErrorKind.NotSupported, "$.vehicles" },

        // What the built-in route does not run.
        { "route at twice real time", DemoWith(r => r["pacing"] = 2), ScenarioErrorKind.NotSupported, "$.pacing" },
        { "route with a radio range", DemoWith(r => r["radio"]!["range"] = 300), ScenarioErrorKind.NotSupported, "$.radio.range" },
        { "loss without a range", DemoWith(r => r["radio"]!["lossFrom"] = 100), ScenarioErrorKind.MissingField, "$.radio.lossFrom" },
        { "verify-on-demand without a flood", DemoWith(r => r["receivers"]!["verifyOnDemand"] = "under-load"), ScenarioErrorKind.NotSupported, "$.receivers.verifyOnDemand" },
        { "duration below four scan periods", DemoWith(r => { r["duration"] = 16; AttackList(r)[0]!["until"] = 15; AttackList(r)[1]!["at"] = 8; AttackList(r)[2]!["until"] = 15.5; AttackList(r)[3]!["at"] = 8; }), ScenarioErrorKind.OutOfRange, "$.duration" },
        { "scan period of 0.1 s", DemoWith(r => r["scanPeriod"] = 0.1), ScenarioErrorKind.OutOfRange, "$.scanPeriod" },

        // Expectations.
        { "unknown check", DemoWith(r => r["expectations"]!["checks"] = new JsonArray("clean-phase-acts", "no-crash")), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[1]" },
        { "a SUMO check on the route", DemoWith(r => r["expectations"]!["checks"] = new JsonArray("obus-started")), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "a check listed twice", DemoWith(r => r["expectations"]!["checks"] = new JsonArray("clean-phase-acts", "clean-phase-acts")), ScenarioErrorKind.DuplicateId, "$.expectations.checks[1]" },
        { "checks neither all nor a list", DemoWith(r => r["expectations"]!["checks"] = "most"), ScenarioErrorKind.WrongType, "$.expectations.checks" },
        { "hub check without the hub", DemoWith(r => { r["hub"] = false; r["expectations"]!["checks"] = new JsonArray("hub-holds-summary"); }), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },

        // SUMO.
        { "a vehicle not in the SUMO scenario", SumoWith(r => Vehicles(r).Add(new JsonObject { ["id"] = "bus-7", ["equipment"] = "idf" })), ScenarioErrorKind.VehicleNotInSumo, "$.vehicles[0].id" },
        { "a flow vehicle beyond the flow (n.0 to n.2999)", SumoWith(r => Vehicles(r).Add(new JsonObject { ["id"] = "n.3000", ["equipment"] = "idf" })), ScenarioErrorKind.VehicleNotInSumo, "$.vehicles[0].id" },
        { "an attacker vehicle in SUMO", SumoWith(r => Vehicles(r).Add(new JsonObject { ["id"] = "n.1", ["equipment"] = "attacker" })), ScenarioErrorKind.NotSupported, "$.vehicles[0].equipment" },
        { "a legacy station in a vehicle not in SUMO", SumoWith(r => Vehicles(r).Add(new JsonObject { ["id"] = "bus-7", ["equipment"] = "legacy" })), ScenarioErrorKind.VehicleNotInSumo, "$.vehicles[0].id" },
        { "a SUMO rogue process on the legacy vehicle", SumoWith(r => { Vehicles(r).Add(new JsonObject { ["id"] = "n.1", ["equipment"] = "legacy" }); AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["at"] = 45, ["target"] = "n.1" }); }), ScenarioErrorKind.UnknownVehicle, "$.attacks[0].target" },
        { "a SUMO ghost vehicle riding with no vehicle", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "ghost-vehicle", ["at"] = 1 })), ScenarioErrorKind.MissingField, "$.attacks[0].by" },
        { "a SUMO ghost vehicle riding with a vehicle not in SUMO", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "ghost-vehicle", ["at"] = 1, ["by"] = "bus-7" })), ScenarioErrorKind.VehicleNotInSumo, "$.attacks[0].by" },
        { "a SUMO ghost vehicle after the run", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "ghost-vehicle", ["at"] = 90, ["by"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].at" },
        { "a SUMO ghost vehicle ending before it starts", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "ghost-vehicle", ["at"] = 50, ["until"] = 40, ["by"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].until" },
        { "a SUMO ghost vehicle starting after its default end", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "ghost-vehicle", ["at"] = 89.5, ["by"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].at" },
        { "two SUMO ghost vehicles", SumoWith(r => { AttackList(r).Add(new JsonObject { ["kind"] = "ghost-vehicle", ["at"] = 5, ["by"] = "n.1" }); AttackList(r).Add(new JsonObject { ["kind"] = "ghost-vehicle", ["at"] = 5, ["by"] = "n.2" }); }), ScenarioErrorKind.NotSupported, "$.attacks[1].kind" },
        { "a SUMO ghost check without a ghost", SumoWith(r => r["expectations"]!["checks"] = new JsonArray("ghost-revoked")), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "a route ghost riding with a vehicle", ShortRouteWith("route-ghost-by", r => AttackList(r)[2]!["by"] = "obu-1"), ScenarioErrorKind.NotSupported, "$.attacks[2].by" },
        { "a SUMO posture-critical without a target", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "posture-critical", ["at"] = 15 })), ScenarioErrorKind.MissingField, "$.attacks[0].target" },
        { "a SUMO posture-critical on a vehicle not in SUMO", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "posture-critical", ["at"] = 15, ["target"] = "bus-7" })), ScenarioErrorKind.VehicleNotInSumo, "$.attacks[0].target" },
        { "a SUMO posture-critical on an unequipped vehicle", SumoWith(r => { Vehicles(r).Add(new JsonObject { ["id"] = "n.1", ["equipment"] = "idf" }); AttackList(r).Add(new JsonObject { ["kind"] = "posture-critical", ["at"] = 15, ["target"] = "n.2" }); }), ScenarioErrorKind.UnknownVehicle, "$.attacks[0].target" },
        { "a SUMO posture-critical after the run", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "posture-critical", ["at"] = 90, ["target"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].at" },
        { "two SUMO posture-criticals", SumoWith(r => { AttackList(r).Add(new JsonObject { ["kind"] = "posture-critical", ["at"] = 15, ["target"] = "n.1" }); AttackList(r).Add(new JsonObject { ["kind"] = "posture-critical", ["at"] = 20, ["target"] = "n.2" }); }), ScenarioErrorKind.NotSupported, "$.attacks[1].kind" },
        { "a SUMO posture check without a posture-critical", SumoWith(r => r["expectations"]!["checks"] = new JsonArray("posture-mitigated")), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "a SUMO forged-signature flood without its vehicle", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["at"] = 50, ["until"] = 60 })), ScenarioErrorKind.MissingField, "$.attacks[0].by" },
        { "a SUMO valid-ticket flood without its vehicle", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 50, ["until"] = 60 })), ScenarioErrorKind.MissingField, "$.attacks[0].by" },
        { "a SUMO flood riding with a vehicle not in SUMO", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 50, ["until"] = 60, ["by"] = "n.3000" })), ScenarioErrorKind.VehicleNotInSumo, "$.attacks[0].by" },
        { "a SUMO flood above the SUMO rate", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["at"] = 50, ["until"] = 60, ["by"] = "n.1", ["rate"] = 5000 })), ScenarioErrorKind.OutOfRange, "$.attacks[0].rate" },
        { "a SUMO flood at rate 0", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["at"] = 50, ["until"] = 60, ["by"] = "n.1", ["rate"] = 0 })), ScenarioErrorKind.OutOfRange, "$.attacks[0].rate" },
        { "a SUMO flood ending before it starts", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 50, ["until"] = 40, ["by"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].until" },
        { "a SUMO flood ending after the run", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 50, ["until"] = 95, ["by"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].until" },
        { "a SUMO flood without an end", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 50, ["by"] = "n.1" })), ScenarioErrorKind.MissingField, "$.attacks[0].until" },
        { "a SUMO flood sized by victims", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["at"] = 50, ["until"] = 60, ["by"] = "n.1", ["victims"] = 3 })), ScenarioErrorKind.NotSupported, "$.attacks[0].victims" },
        { "a SUMO flood check without a flood", SumoWith(r => r["expectations"]!["checks"] = new JsonArray("flood-refused")), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "the flood bench's check in SUMO", SumoWith(r => { AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 50, ["until"] = 60, ["by"] = "n.1" }); r["expectations"]!["checks"] = new JsonArray("flood-secure"); }), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "a flood bench flood riding with a vehicle", DemoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["at"] = 1, ["until"] = 11, ["by"] = "obu-1" })), ScenarioErrorKind.NotSupported, "$.attacks[4].by" },
        { "a SUMO rogue process without a target", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["at"] = 45 })), ScenarioErrorKind.MissingField, "$.attacks[0].target" },
        { "a SUMO rogue process on a vehicle not in SUMO", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["at"] = 45, ["target"] = "bus-7" })), ScenarioErrorKind.VehicleNotInSumo, "$.attacks[0].target" },
        { "a SUMO rogue process on an unequipped vehicle", SumoWith(r => { Vehicles(r).Add(new JsonObject { ["id"] = "n.1", ["equipment"] = "idf" }); AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["at"] = 45, ["target"] = "n.2" }); }), ScenarioErrorKind.UnknownVehicle, "$.attacks[0].target" },
        { "a SUMO rogue process after the run", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["at"] = 90, ["target"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].at" },
        { "two SUMO rogue processes", SumoWith(r => { AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["at"] = 40, ["target"] = "n.1" }); AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["at"] = 45, ["target"] = "n.2" }); }), ScenarioErrorKind.NotSupported, "$.attacks[1].kind" },
        { "a SUMO tampered firmware without a target", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "tampered-firmware", ["at"] = 45 })), ScenarioErrorKind.MissingField, "$.attacks[0].target" },
        { "a SUMO tampered firmware on a vehicle not in SUMO", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "tampered-firmware", ["at"] = 45, ["target"] = "bus-7" })), ScenarioErrorKind.VehicleNotInSumo, "$.attacks[0].target" },
        { "a SUMO tampered firmware on an unequipped vehicle", SumoWith(r => { Vehicles(r).Add(new JsonObject { ["id"] = "n.1", ["equipment"] = "idf" }); AttackList(r).Add(new JsonObject { ["kind"] = "tampered-firmware", ["at"] = 45, ["target"] = "n.2" }); }), ScenarioErrorKind.UnknownVehicle, "$.attacks[0].target" },
        { "a SUMO tampered firmware at the run's end", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "tampered-firmware", ["at"] = 90, ["target"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].at" },
        { "two SUMO tampered firmwares", SumoWith(r => { AttackList(r).Add(new JsonObject { ["kind"] = "tampered-firmware", ["at"] = 40, ["target"] = "n.1" }); AttackList(r).Add(new JsonObject { ["kind"] = "tampered-firmware", ["at"] = 45, ["target"] = "n.2" }); }), ScenarioErrorKind.NotSupported, "$.attacks[1].kind" },
        { "a SUMO firmware check without tampered firmware", SumoWith(r => { AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["at"] = 40, ["target"] = "n.1" }); r["expectations"]!["checks"] = new JsonArray("firmware-tamper-detected"); }), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "a SUMO replay without its vehicle", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "replay", ["at"] = 5 })), ScenarioErrorKind.MissingField, "$.attacks[0].by" },
        { "a SUMO replay riding with a vehicle not in SUMO", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "replay", ["at"] = 5, ["by"] = "n.3000" })), ScenarioErrorKind.VehicleNotInSumo, "$.attacks[0].by" },
        { "a SUMO replay ending after the run", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "replay", ["at"] = 5, ["until"] = 95, ["by"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].until" },
        { "a SUMO reflection on a vehicle not in SUMO", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "reflection", ["at"] = 5, ["target"] = "bus-7" })), ScenarioErrorKind.VehicleNotInSumo, "$.attacks[0].target" },
        { "a SUMO reflection after the run", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "reflection", ["at"] = 100, ["target"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].at" },
        { "a SUMO replay starting after its default end", SumoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "replay", ["at"] = 89.5, ["by"] = "n.1" })), ScenarioErrorKind.BadTime, "$.attacks[0].at" },
        { "a SUMO replay check without a replay", SumoWith(r => r["expectations"]!["checks"] = new JsonArray("replays-rejected")), ScenarioErrorKind.UnknownExpectation, "$.expectations.checks[0]" },
        { "a SUMO detection limit without a tamper", SumoWith(r => r["expectations"]!["detectionWithin"] = 6), ScenarioErrorKind.NotSupported, "$.expectations.detectionWithin" },
        { "SUMO configuration missing", SumoWith(_ => { }, "/nonexistent/none.sumocfg"), ScenarioErrorKind.BadSumoScenario, "$.mobility.configuration" },
        { "SUMO pacing 50", SumoWith(r => r["pacing"] = 50), ScenarioErrorKind.OutOfRange, "$.pacing" },
        { "SUMO loss beyond the range", SumoWith(r => r["radio"]!["lossFrom"] = 600), ScenarioErrorKind.OutOfRange, "$.radio.lossFrom" },
        { "maxObus on the route", DemoWith(r => r["mobility"]!["maxObus"] = 5), ScenarioErrorKind.NotSupported, "$.mobility.maxObus" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_gives_its_typed_error_at_its_path(string row, string content, ScenarioErrorKind kind, string path)
    {
        var file = Write(content);

        var e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(file));

        Assert.True(e.Errors.Any(x => x.Kind == kind && x.Path == path), $"{row}: expected {kind} at {path}, got {string.Join(" | ", e.Errors.Select(x => $"{x.Kind} {x}"))}");
        Assert.All(e.Errors, x => Assert.False(string.IsNullOrWhiteSpace(x.Message)));
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_exits_2_with_its_message_and_runs_nothing(string row, string content, ScenarioErrorKind kind, string path)
    {
        var file = Write(content);
        var outFolder = Path.Combine(Path.GetDirectoryName(file)!, "out");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BenchCli.RunAsync(["scenario", file, "--out", outFolder, "--keystore", "memory"], _ => null, output, error, terminal: false, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains($"scenario file {file}", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(path + ": ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
        Assert.False(Directory.Exists(outFolder), row);
        Assert.True(Enum.IsDefined(kind));
    }

    public static TheoryData<string, string, string> UnreadableFiles => new()
    {
        { "no such file", "/nonexistent/scenario.json", "no such file" },
        { "a folder", "/tmp", "a folder, not a scenario file" },
    };

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public async Task An_unreadable_file_exits_2(string row, string file, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BenchCli.RunAsync(["scenario", file], _ => null, output, error, terminal: false, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains($"$: {message}", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(ScenarioErrorKind.Unreadable, Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(file)).Errors.Single().Kind);
        Assert.False(string.IsNullOrEmpty(row));
    }

    public static TheoryData<string, byte[], ScenarioErrorKind> HostileBytes => new()
    {
        { "not UTF-8", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D], ScenarioErrorKind.NotJson },
        { "binary zeros", new byte[4096], ScenarioErrorKind.NotJson },
        { "larger than 1 MiB", System.Text.Encoding.ASCII.GetBytes("{\"name\":\"" + new string('x', ScenarioLoader.MaxFileBytes) + "\"}"), ScenarioErrorKind.Unreadable },
        { "a number 400 digits long", System.Text.Encoding.ASCII.GetBytes(DemoWith(_ => { }).Replace("\"duration\":30", "\"duration\":1" + new string('0', 400), StringComparison.Ordinal)), ScenarioErrorKind.OutOfRange },
    };

    [Theory]
    [MemberData(nameof(HostileBytes))]
    public void A_corrupt_or_hostile_file_is_a_typed_error(string row, byte[] bytes, ScenarioErrorKind kind)
    {
        var e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(Write(bytes)));

        Assert.True(e.Errors.Any(x => x.Kind == kind), $"{row}: {e.Message}");
    }

    [Fact]
    public void Every_problem_of_a_file_is_listed_once()
    {
        var file = Write(DemoWith(r =>
        {
            AttackList(r)[1]!["kind"] = "emp";
            Vehicles(r)[5]!["equipment"] = "jammer";
            r["duration"] = "long";
        }));

        var e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(file));

        Assert.Equal(
            [(ScenarioErrorKind.UnknownEquipment, "$.vehicles[5].equipment"), (ScenarioErrorKind.WrongType, "$.duration"), (ScenarioErrorKind.UnknownAttack, "$.attacks[1].kind")],
            e.Errors.Select(x => (x.Kind, x.Path)).ToList());
        Assert.Contains("unknown attack 'emp'; the bench runs rogue-process, tampered-firmware, replay, forged-signature-flood, valid-ticket-flood, ghost-vehicle, posture-critical", e.Message, StringComparison.Ordinal);
    }
}
