using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Bench.Demo;
using Bench.Flood;
using Bench.Reporting;
using Bench.Scenarios.Files;
using CommandLine;
using Hardware.Positioning.Sumo;
using Hardware.Security;

namespace Bench.Cli;

/// <summary>
/// <c>scenario FILE [--out DIR] [--keystore auto|memory|pkcs11] [--plain]</c>: loads a scenario file
/// (Bench/Scenarios/Files, Docs/bench.md "Scenario files") and runs it with the bench's own engine: the demo (built-in
/// route) or the SUMO bench, then the flood bench when it has floods; prints the summary and the file's expectations.
/// Exit codes: 0 every expectation held, 1 one did not or the run broke, 2 a scenario-file problem (every problem
/// printed with its JSON path) or usage.
/// </summary>
public static class ScenarioCommand
{
    /// <summary>The <c>scenario</c> command.</summary>
    public static Command Create(Func<string, string?> environment, TextWriter output, TextWriter error, bool terminal)
    {
        var file = new Argument<string>("file") { Description = "the scenario file (JSON; Bench/Scenarios/scenario.schema.json; Bench/Scenarios/demo.json is the demo)" };
        var outDir = CliOptions.Text("--out", "output folder, empty or absent (default: a new folder under the temp folder)", valueName: "DIR");
        var keyStore = CliOptions.Choice("--keystore", "auto (the SoftHSM2 token of .state/env when configured, else memory), memory, pkcs11", "auto", "auto", "memory", "pkcs11");
        var plain = CliOptions.Flag("--plain", "print plain lines even on a terminal");
        var command = new Command("scenario", "Run a scenario file: the vehicles and their equipment, the mobility (built-in route or SUMO), the radio, the attacks and their times, the expectations.")
        {
            file, outDir, keyStore, plain,
        };
        command.SetAction((p, ct) => RunAsync(p.GetRequiredValue(file), p.GetValue(outDir), p.GetRequiredValue(keyStore), terminal && !p.GetValue(plain), environment, output, error, ct));
        return command;
    }

    /// <summary>Loads, runs and checks the scenario in <paramref name="path"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string path, string? outputDirectory, string keyStore, bool inPlace, Func<string, string?> environment, TextWriter output,
        TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(path);
        }
        catch (ScenarioFileException e)
        {
            // One line per problem, each with its JSON path; exit 2 (the command's input is wrong, as for any usage error).
            await error.WriteLineAsync($"Bench scenario: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var c = CultureInfo.InvariantCulture;
        var folder = Path.GetFullPath(outputDirectory ?? Path.Combine(Path.GetTempPath(), "v2x-bench-scenario-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", c)));
        var options = ScenarioTranslation.ToDemoOptions(scenario, folder) with { InPlace = inPlace };
        options.Validate();
        var flood = ScenarioTranslation.Flood(scenario);
        await output.WriteLineAsync(Describe(scenario, flood)).ConfigureAwait(false);
        var wall = Stopwatch.StartNew();
        Pkcs11KeyStore? token = null;
        try
        {
            (token, options) = BenchCli.OpenKeyStore(keyStore, options, environment);
            IReadOnlyList<Expectation> checks;
            DemoSummary? demo = null;
            IReadOnlyList<Attacks.SumoAttackFigures>? attacks = null;
            if (options.Sumo is { } sumo)
            {
                options = options with { Sumo = sumo with { Executable = SumoProcess.FindExecutable(environment) ?? throw new SumoException(SumoProcess.NotInstalled) } };
                var run = await new Mobility.SumoBench(options, output).RunAsync(cancellationToken).ConfigureAwait(false);
                (checks, attacks) = (run.Expectations, run.Attacks);
            }
            else
            {
                demo = await new BenchDemo(options, output).RunAsync(cancellationToken).ConfigureAwait(false);
                checks = demo.Expectations;
            }

            var floodResult = flood is null ? ((bool, double)?)null : await RunFloodAsync(flood, output, cancellationToken).ConfigureAwait(false);
            var outcomes = ScenarioVerdict.Evaluate(scenario, checks, demo, floodResult, attacks);
            var passed = outcomes.All(o => o.Passed);
            await output.WriteLineAsync($"scenario {scenario.Name}: the file's expectations").ConfigureAwait(false);
            foreach (var o in outcomes)
            {
                await output.WriteLineAsync($"  [{(o.Passed ? "pass" : "FAIL")}] {o.Check}: {o.Detail}").ConfigureAwait(false);
            }

            await output.WriteLineAsync(string.Create(c,
                $"scenario {scenario.Name} {(passed ? "passed" : "FAILED")}: {outcomes.Count(o => o.Passed)} of {outcomes.Count} expectations held; output {folder}; wall clock {wall.Elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);
            return passed ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (SumoException e)
        {
            await error.WriteLineAsync($"Bench scenario: {scenario.Source}: $.mobility.configuration: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (UnauthorizedAccessException e)
        {
            await error.WriteLineAsync($"Bench scenario: the output folder {folder} cannot be written: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception e) when (BenchCli.IsRunFailure(e))
        {
            await error.WriteLineAsync($"Bench scenario: the run failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            token?.Dispose();
        }
    }

    // The flood bench after the demo: its own receiver and traffic (Bench/Flood), the figures printed as `Bench flood` prints them.
    private static async Task<(bool Secure, double InTimeShare)> RunFloodAsync(FloodOptions flood, TextWriter output, CancellationToken cancellationToken)
    {
        flood.Validate();
        var traffic = await Task.Run(() => FloodTraffic.Generate(flood), cancellationToken).ConfigureAwait(false);
        var figures = await Task.Run(() => FloodRun.Run(traffic, flood, flood.Modes[0]), cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(figures.ToText()).ConfigureAwait(false);
        return (figures.Secure, figures.InTimeShare);
    }

    private static string Describe(Scenario s, FloodOptions? flood)
    {
        var c = CultureInfo.InvariantCulture;
        var mobility = s.Mobility.Kind == MobilityKind.Route
            ? "built-in route"
            : $"SUMO {s.Mobility.SumoConfiguration} (up to {s.Mobility.MaxObus} OBUs at once{(ScenarioTranslation.RestrictsObus(s) ? "" : ", any departing vehicle")}{(s.Vehicles.Count > 0 ? $", vehicles {string.Join(", ", s.Vehicles.Select(v => v.Equipment == Equipment.Legacy ? $"{v.Id} (legacy)" : v.Idf is { } m ? $"{v.Id} ({m})" : v.Id))}" : "")})";
        var attacks = s.Attacks.Count == 0 ? "none" : string.Join("; ", s.Attacks.Select(a => string.Create(c,
            $"{AttackLibrary.Name(a.Kind)} at {a.At.TotalSeconds} s{(a.Until is { } u ? $" to {u.TotalSeconds} s" : "")}{(a.Target is { } t ? $" on {t}" : "")}{(AttackLibrary.IsFlood(a.Kind) ? (s.Mobility.Kind == MobilityKind.Route ? " (flood bench)" : $" riding with {a.By}") : "")}")));
        return string.Create(c, $"scenario {s.Name} ({s.Source}): {mobility}; {s.Duration.TotalSeconds} s; seed {s.Seed}; attacks: {attacks}")
            + (flood is null ? "" : string.Create(c, $"; then the flood bench: {flood.Warmup.TotalSeconds} s warm-up, {flood.Duration.TotalSeconds} s of flood, verify-on-demand {flood.Modes[0]}"));
    }
}
