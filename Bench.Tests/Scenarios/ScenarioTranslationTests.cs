using System.Text.Json.Nodes;
using Bench.Cli;
using Bench.Scenarios.Files;
using Firmware.Application.Receiving;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Scenarios;

/// <summary>Valid scenario files in the bench engine's own terms: the demo's options, the SUMO settings, the flood bench's options.</summary>
public class ScenarioTranslationTests
{
    [Fact]
    public void Demo_json_is_the_demo_with_no_options()
    {
        var (defaults, keyStore) = BenchCli.Parse(["demo"], terminal: false);

        var options = ScenarioTranslation.ToDemoOptions(ScenarioLoader.Load(DemoFile), defaults.OutputDirectory);

        Assert.Equal(defaults, options);
        Assert.Equal("auto", keyStore);
        Assert.Null(ScenarioTranslation.Flood(ScenarioLoader.Load(DemoFile)));
    }

    [Theory]
    [InlineData("motorway.json", "--duration 90 --sumo-obus 12 --range 500 --loss-from 300")]
    [InlineData("urban.json", "--duration 60 --pacing 2 --sumo-obus 6 --range 250 --loss-from 150")]
    [InlineData("motorway-100.json", "--duration 120 --sumo-obus 100 --range 500 --loss-from 300 --verify-on-demand always")]
    public void The_SUMO_scenario_files_are_the_documented_sumo_runs(string file, string args)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Folder, file));
        var configuration = scenario.Mobility.SumoConfiguration!;
        var (cli, _) = BenchCli.Parse(["demo", "--sumo", configuration, .. args.Split(' ')], terminal: false);

        var options = ScenarioTranslation.ToDemoOptions(scenario, cli.OutputDirectory);

        Assert.Equal(cli with { Sumo = cli.Sumo! with { EquippedVehicles = options.Sumo!.EquippedVehicles } }, options);
        Assert.Equal(file == "urban.json" ? ["0", "1", "2", "3", "4", "5", "6", "7"] : null, options.Sumo.EquippedVehicles?.Order(StringComparer.Ordinal).ToArray());
    }

    public static TheoryData<string, string, int?, int?, int, bool> RouteRows => new()
    {
        { "the seeded tamper", DemoWith(_ => { }), null, null, 4, true },
        { "a target", DemoWith(r => AttackList(r)[1]!["target"] = "obu-3"), 3, null, 4, true },
        { "a tamper target and a posture target", DemoWith(r => { AttackList(r)[1]!["target"] = "obu-3"; AttackList(r)[3]!["target"] = "obu-1"; }), 3, 1, 4, true },
        { "six OBUs, no hub, 2 s scans over 12 s", DemoWith(r =>
            {
                Vehicles(r).Insert(4, new JsonObject { ["id"] = "obu-5", ["equipment"] = "idf" });
                Vehicles(r).Insert(5, new JsonObject { ["id"] = "obu-6", ["equipment"] = "idf" });
                r["hub"] = false;
                r["scanPeriod"] = 2;
                r["duration"] = 12;
                AttackList(r)[0]!["until"] = 11;
                AttackList(r)[1]!["at"] = 6;
                AttackList(r)[1]!["target"] = "obu-6";
                AttackList(r)[2]!["until"] = 11.5;
                AttackList(r)[3]!["at"] = 6;
                AttackList(r)[3]!["target"] = "obu-5";
            }), 6, 5, 6, false },
    };

    [Theory]
    [MemberData(nameof(RouteRows))]
    public void A_route_scenario_sets_the_demo_options(string row, string content, int? tampered, int? posture, int obus, bool hub)
    {
        var options = ScenarioTranslation.ToDemoOptions(ScenarioLoader.Load(Write(content)), "/tmp/out");

        options.Validate();
        Assert.Equal((tampered, posture, obus, hub), (options.TamperedObu, options.PostureObu, options.ObuCount, options.Hub));
        Assert.False(string.IsNullOrEmpty(row));
    }

    [Theory]
    [InlineData("rogue-process", Bench.Stations.TamperFault.RogueProcess)]
    [InlineData("tampered-firmware", Bench.Stations.TamperFault.TamperedFirmware)]
    public void The_routes_tamper_is_the_files_tamper_with_its_fault(string kind, Bench.Stations.TamperFault fault)
    {
        var options = ScenarioTranslation.ToDemoOptions(ScenarioLoader.Load(Write(DemoWith(r =>
        {
            AttackList(r)[1]!["kind"] = kind;
            AttackList(r)[1]!["target"] = "obu-2";
        }))), "/tmp/out");

        options.Validate();
        Assert.Equal((2, fault), (options.TamperedObu, options.TamperFault));
    }

    [Fact]
    public void A_SUMO_scenarios_tampers_are_its_attacks_with_their_faults()
    {
        var scenario = ScenarioLoader.Load(Write(SumoWith(r =>
        {
            AttackList(r).Add(new JsonObject { ["kind"] = "rogue-process", ["at"] = 40, ["target"] = "n.1" });
            AttackList(r).Add(new JsonObject { ["kind"] = "tampered-firmware", ["at"] = 45, ["target"] = "s.2" });
        })));

        var attacks = ScenarioTranslation.Sumo(scenario).Attacks;

        Assert.Equal([new(Bench.Attacks.SumoAttackKind.RogueProcess, "n.1", TimeSpan.FromSeconds(40)), new(Bench.Attacks.SumoAttackKind.TamperedFirmware, "s.2", TimeSpan.FromSeconds(45))], attacks);
        Assert.Equal([Bench.Stations.TamperFault.RogueProcess, Bench.Stations.TamperFault.TamperedFirmware], attacks.Select(a => Bench.Attacks.SumoAttackRun.Fault(a.Kind)!.Value));
    }

    [Theory]
    [InlineData(true, 10)]
    [InlineData(false, 300)]
    public void A_SUMO_ghost_rides_with_its_vehicle_and_brings_the_CRL_refresh_to_10_s(bool ghost, int refreshSeconds)
    {
        var scenario = ScenarioLoader.Load(Write(SumoWith(r =>
        {
            AttackList(r).Add(new JsonObject { ["kind"] = "replay", ["at"] = 40, ["by"] = "n.3" });
            if (ghost)
            {
                AttackList(r).Add(new JsonObject { ["kind"] = "ghost-vehicle", ["at"] = 50, ["until"] = 80, ["by"] = "n.2" });
            }
        })));

        var settings = ScenarioTranslation.Sumo(scenario);

        Assert.Equal(ghost ? new Bench.Attacks.SumoAttack(Bench.Attacks.SumoAttackKind.GhostVehicle, "n.2", TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(80)) : null,
            settings.Attacks.SingleOrDefault(a => a.Kind == Bench.Attacks.SumoAttackKind.GhostVehicle));
        Assert.Equal(TimeSpan.FromSeconds(refreshSeconds), settings.CrlRefreshPeriod);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void SUMO_vehicles_naming_their_model_run_it_and_restrict_the_OBUs_only_beside_a_vehicle_without_one(bool alsoDefault, bool anyVehicle)
    {
        var scenario = ScenarioLoader.Load(Write(SumoWith(r =>
        {
            SumoModel(r, 3);
            if (alsoDefault)
            {
                Vehicles(r).Add(new JsonObject { ["id"] = "s.1", ["equipment"] = "idf" });
            }

            AttackList(r).Add(new JsonObject { ["kind"] = "compromised-idf-model", ["at"] = 50, ["model"] = "IntegrityGuard 0.9", ["count"] = 3 });
        })));

        var settings = ScenarioTranslation.Sumo(scenario);

        var model = new PkiProtocol.Audit.IdfImplementation(Bench.Demo.DemoPki.ObuIdf.Vendor, "IntegrityGuard", "0.9");
        Assert.Equal(["n.1", "n.2", "n.3"], settings.Models!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(model, settings.ModelOf("n.2"));
        Assert.Equal(Bench.Demo.DemoPki.ObuIdf, settings.ModelOf("s.1"));
        Assert.Equal(anyVehicle, settings.EquippedVehicles is null);
        Assert.Equal(new Bench.Attacks.SumoAttack(Bench.Attacks.SumoAttackKind.CompromisedIdfModel, "IntegrityGuard 0.9", TimeSpan.FromSeconds(50), Model: model, Count: 3), settings.Attacks.Single());
        Assert.Equal(Bench.Mobility.SumoSettings.RevocationRefreshPeriod, settings.CrlRefreshPeriod);
    }

    [Fact]
    public void A_SUMO_scenarios_posture_and_floods_are_its_attacks_and_no_flood_bench_runs()
    {
        var scenario = ScenarioLoader.Load(Write(SumoWith(r =>
        {
            AttackList(r).Add(new JsonObject { ["kind"] = "posture-critical", ["at"] = 40, ["target"] = "n.1" });
            AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["at"] = 50, ["until"] = 60, ["by"] = "s.2", ["rate"] = 30 });
            AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 55, ["until"] = 70, ["by"] = "n.3" });
        })));

        var attacks = ScenarioTranslation.Sumo(scenario).Attacks;

        Assert.Equal([
            new(Bench.Attacks.SumoAttackKind.PostureCritical, "n.1", TimeSpan.FromSeconds(40)),
            new(Bench.Attacks.SumoAttackKind.ForgedSignatureFlood, "s.2", TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60), 30),
            new(Bench.Attacks.SumoAttackKind.ValidTicketFlood, "n.3", TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(70), Bench.Attacks.SumoAttackRun.DefaultFloodRate)], attacks);
        Assert.Null(ScenarioTranslation.Flood(scenario));
    }

    [Fact]
    public void Floods_become_the_flood_bench_options_at_the_scenarios_receiver()
    {
        var scenario = ScenarioLoader.Load(Write(DemoWith(r =>
        {
            r["receivers"]!["verifyOnDemand"] = "under-load";
            AttackList(r).Add(new JsonObject { ["kind"] = "forged-signature-flood", ["at"] = 2, ["until"] = 7, ["rate"] = 5000, ["victims"] = 3 });
            AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 2, ["until"] = 7, ["rate"] = 800, ["tickets"] = 40 });
            r["expectations"]!["floodInTimeAtLeast"] = 0.95;
        })));

        var flood = ScenarioTranslation.Flood(scenario)!;

        flood.Validate();
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), 5000.0, 3, 800.0, 40, 0.0), (flood.Warmup, flood.Duration, flood.ForgedPerSecond, flood.Victims, flood.UncachedPerSecond, flood.UncachedTickets, flood.ReplayShare));
        Assert.Equal([VerifyOnDemandMode.UnderLoad], flood.Modes);
    }

    [Fact]
    public void One_flood_alone_sends_none_of_the_other()
    {
        var scenario = ScenarioLoader.Load(Write(DemoWith(r => AttackList(r).Add(new JsonObject { ["kind"] = "valid-ticket-flood", ["at"] = 1, ["until"] = 11 }))));

        var flood = ScenarioTranslation.Flood(scenario)!;

        Assert.Equal((0.0, 1500.0, TimeSpan.FromSeconds(10)), (flood.ForgedPerSecond, flood.UncachedPerSecond, flood.Duration));
    }

    [Fact]
    public void A_SUMO_scenarios_listed_vehicles_are_the_only_ones_equipped()
    {
        var scenario = ScenarioLoader.Load(Write(SumoWith(r =>
        {
            Vehicles(r).Add(new JsonObject { ["id"] = "n.0", ["equipment"] = "idf" });
            Vehicles(r).Add(new JsonObject { ["id"] = "s.2999", ["equipment"] = "idf" });
        })));

        var sumo = ScenarioTranslation.Sumo(scenario);

        Assert.Equal(["n.0", "s.2999"], sumo.EquippedVehicles!.Order(StringComparer.Ordinal));
        Assert.Equal(Motorway, sumo.Configuration);
    }

    // name, the listed vehicles (id, equipment), the OBUs' vehicles expected (null: any departing one), the legacy stations' vehicles
    public static TheoryData<string, (string, string)[], string[]?, string[]?> EquipmentRows => new()
    {
        { "none listed: any vehicle an OBU, no legacy", [], null, null },
        { "a legacy vehicle only: any other vehicle an OBU", [("n.3", "legacy")], null, ["n.3"] },
        { "idf and legacy listed", [("n.0", "idf"), ("n.3", "legacy"), ("s.1", "idf")], ["n.0", "s.1"], ["n.3"] },
    };

    [Theory]
    [MemberData(nameof(EquipmentRows))]
    public void A_SUMO_scenarios_legacy_vehicles_carry_legacy_stations_and_leave_the_obus_to_the_others(string row, (string, string)[] listed, string[]? obus, string[]? legacy)
    {
        var scenario = ScenarioLoader.Load(Write(SumoWith(r =>
        {
            foreach (var (id, equipment) in listed)
            {
                Vehicles(r).Add(new JsonObject { ["id"] = id, ["equipment"] = equipment });
            }
        })));

        var sumo = ScenarioTranslation.Sumo(scenario);

        Assert.True(obus is null ? sumo.EquippedVehicles is null : sumo.EquippedVehicles!.Order(StringComparer.Ordinal).SequenceEqual(obus), row);
        Assert.True(legacy is null ? sumo.LegacyVehicles is null : sumo.LegacyVehicles!.Order(StringComparer.Ordinal).SequenceEqual(legacy), row);
    }
}
