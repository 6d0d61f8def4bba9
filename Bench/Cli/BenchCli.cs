using System.Diagnostics;
using System.Globalization;
using Bench.Demo;
using Hardware.Security;

namespace Bench.Cli;

/// <summary>
/// The bench executable's command line: <c>demo [--duration SECONDS] [--obus N] [--out DIR] [--seed N]
/// [--scan-period SECONDS] [--keystore auto|memory|pkcs11] [--carrier facilities|headerinfo] [--no-hub] [--plain] [--record] [--live PORT]
/// [--sumo FILE.sumocfg [--pacing FACTOR] [--sumo-obus N] [--range METRES [--loss-from METRES]]]</c> (<see cref="Mobility.SumoBench"/>),
/// or <c>flood [options]</c> (<see cref="FloodCommand"/>), <c>misbehaviour [options]</c> (<see cref="MisbehaviourCommand"/>)
/// or <c>report --recording DIR [...]</c> (<see cref="Report.DriveReportCommand"/>). Exit codes: 0 the demo ran and every
/// expectation held, 1 an expectation failed or the run broke, 2 usage.
/// </summary>
public static class BenchCli
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: Bench demo [options]     (or: Bench flood [options], the receiver under a signature flood; Bench misbehaviour [options], the local
                                 misbehaviour detection's precision and recall; Bench/README.md)
          --duration SECONDS     whole run, both phases (default 30)
          --obus N               OBUs with the integrity detection function, 4..12 (default 4)
          --out DIR              output folder, empty or absent (default: a new folder under the temp folder)
          --seed N               seed of the demo's choices: routes, tampered OBU, replayed frames (default 1)
          --scan-period SECONDS  the secure partitions' integrity scan period (default 5)
          --keystore KIND        auto (the SoftHSM2 token of .state/env when configured, else memory), memory, pkcs11
          --carrier CARRIER      where the OBUs' partitions put the integrity report: facilities (default, in the
                                 CAM/DENM) or headerinfo (1609.2 contributedExtensions); Docs/formats.md §3.8
          --no-hub               no sharing-community hub and no upstream forwarders (the hub expectation is skipped)
          --plain                print plain lines even on a terminal
          --record               record each OBU's drive into OUT/obu-N/recording (Firmware/Application/Recording)
          --live PORT            serve the live web view on http://127.0.0.1:PORT/ while the run lasts (0: a free port; Bench/Live)
          --sumo FILE.sumocfg    drive the vehicles from SUMO (Bench/Scenarios/Sumo; Docs/bench.md "SUMO mobility"): each
                                 departing vehicle gets an OBU, which stops when it arrives; SUMO's time is the clock;
                                 --duration is simulated seconds; needs the Debian package sumo (else exit 2)
          --pacing FACTOR        with --sumo: simulated seconds per wall second, 0.1..20 (default 1, real time)
          --sumo-obus N          with --sumo: most vehicles with an OBU at once, 1..200 (default 12)
          --range METRES         with --sumo: radio range; a node hears only senders within it (default: no range)
          --loss-from METRES     with --range: loss by distance rises linearly from here to the range
        usage: Bench report --recording DIR [--out FILE.html] [--geojson FILE.geojson]
          turns a drive recording into a self-contained HTML report with plots, and a GeoJSON export
        """;

    /// <summary>Runs the command; <paramref name="environment"/> reads V2X_PKCS11_LIB, V2X_TOKEN_LABEL and V2X_TOKEN_PIN.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment, TextWriter output, TextWriter error, bool terminal,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count > 0 && args[0] == "report")
        {
            return await Report.DriveReportCommand.RunAsync(args, output, error).ConfigureAwait(false);
        }

        if (args.Count > 0 && args[0] == "flood")
        {
            return await FloodCommand.RunAsync(args, output, error, cancellationToken).ConfigureAwait(false);
        }

        if (args.Count > 0 && args[0] == "misbehaviour")
        {
            return await MisbehaviourCommand.RunAsync(args, output, error, cancellationToken).ConfigureAwait(false);
        }

        DemoOptions options;
        string keystore;
        try
        {
            (options, keystore) = Parse(args, terminal);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var wall = Stopwatch.StartNew();
        Pkcs11KeyStore? token = null;
        try
        {
            (token, options) = OpenKeyStore(keystore, options, environment);
            await using var live = options.LivePort is { } livePort ? await Live.LiveServer.StartAsync(new Live.LiveFeed(options.Clock), livePort, cancellationToken).ConfigureAwait(false) : null;
            if (live is not null)
            {
                options = options with { Live = live.Feed };
                await output.WriteLineAsync($"live view: {live.Address}").ConfigureAwait(false);
            }

            if (options.Sumo is { } sumo)
            {
                // The sumo of the caller's PATH; none installed is a typed error (exit 2) before anything starts.
                options = options with
                {
                    Sumo = sumo with { Executable = sumo.Executable ?? Hardware.Positioning.Sumo.SumoProcess.FindExecutable(environment)
                        ?? throw new Hardware.Positioning.Sumo.SumoException(Hardware.Positioning.Sumo.SumoProcess.NotInstalled) },
                };

                var run = await new Mobility.SumoBench(options, output).RunAsync(cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"SUMO run {(run.Passed ? "passed" : "FAILED")}: {run.Expectations.Count(e => e.Passed)} of {run.Expectations.Count} expectations held; wall clock {wall.Elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);
                return run.Passed ? 0 : 1;
            }

            var demo = new BenchDemo(options, output);
            var summary = await demo.RunAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"demo {(summary.Passed ? "passed" : "FAILED")}: {summary.Expectations.Count(e => e.Passed)} of {summary.Expectations.Count} expectations held; wall clock {wall.Elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);
            return summary.Passed ? 0 : 1;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Hardware.Positioning.Sumo.SumoException e)
        {
            // --sumo without SUMO installed, or a configuration sumo refuses: a usage error, with sumo's reason.
            await error.WriteLineAsync($"--sumo: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("demo interrupted").ConfigureAwait(false);
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            // The output folder (or a file in it) may not be created or written, e.g. --out under /sys.
            await error.WriteLineAsync($"demo failed: the output folder {options.OutputDirectory} cannot be written: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is KeyStoreException or PkiProtocol.PkiException or IOException or System.Net.Sockets.SocketException or HttpRequestException
                                      or Microsoft.Data.Sqlite.SqliteException
                                      or Firmware.SecurePartition.PartitionException or Firmware.SecurePartition.Protocol.ProtocolException
                                      or Firmware.Application.Trust.TrustException or Cti.CtiException or InvalidOperationException or TimeoutException
                                      or Hardware.Positioning.Sumo.TraciException)
        {
            await error.WriteLineAsync($"demo failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            token?.Dispose();
        }
    }

    /// <summary>Parses the arguments into options and the key-store choice.</summary>
    /// <exception cref="ArgumentException">Not the demo command, an unknown option or a bad value.</exception>
    public static (DemoOptions Options, string KeyStore) Parse(IReadOnlyList<string> args, bool terminal)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != "demo")
        {
            throw new ArgumentException("The command is 'demo' or 'flood'.");
        }

        var duration = 30.0;
        var obus = 4;
        string? output = null;
        var seed = 1;
        var scan = 5.0;
        var keystore = "auto";
        var inPlace = terminal;
        var hub = true;
        var carrier = V2x.Integrity.ReportCarrier.Facilities;
        var record = false;
        int? live = null;
        string? sumo = null;
        var pacing = 1.0;
        var sumoObus = 12;
        double? range = null;
        double? lossFrom = null;
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--record")
            {
                record = true;
                continue;
            }

            if (name == "--plain")
            {
                inPlace = false;
                continue;
            }

            if (name == "--no-hub")
            {
                hub = false;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--duration": duration = Number(name, value); break;
                case "--obus": obus = (int)Integer(name, value); break;
                case "--out": output = value; break;
                case "--live": live = (int)Integer(name, value); break;
                case "--seed": seed = (int)Integer(name, value); break;
                case "--scan-period": scan = Number(name, value); break;
                case "--keystore":
                    keystore = value is "auto" or "memory" or "pkcs11" ? value : throw new ArgumentException("--keystore is auto, memory or pkcs11.");
                    break;
                case "--carrier":
                    carrier = value switch
                    {
                        "facilities" => V2x.Integrity.ReportCarrier.Facilities,
                        "headerinfo" => V2x.Integrity.ReportCarrier.HeaderInfo,
                        _ => throw new ArgumentException("--carrier is facilities or headerinfo."),
                    };
                    break;
                case "--sumo": sumo = value; break;
                case "--pacing": pacing = Number(name, value); break;
                case "--sumo-obus": sumoObus = (int)Integer(name, value); break;
                case "--range": range = Number(name, value); break;
                case "--loss-from": lossFrom = Number(name, value); break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        var options = new DemoOptions
        {
            Duration = TimeSpan.FromSeconds(duration),
            ObuCount = obus,
            OutputDirectory = Path.GetFullPath(output ?? Path.Combine(Path.GetTempPath(),
                "v2x-bench-demo-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))),
            Seed = seed,
            ScanPeriod = TimeSpan.FromSeconds(scan),
            InPlace = inPlace,
            Hub = hub,
            Carrier = carrier,
            Record = record,
            LivePort = live,
            Sumo = sumo is null ? null : new Mobility.SumoSettings
            {
                Configuration = Path.GetFullPath(sumo),
                Pacing = pacing,
                MaxObus = sumoObus,
                RangeMeters = range,
                LossFromMeters = lossFrom,
            },
        };
        if (sumo is null && args.Skip(1).Any(a => a is "--pacing" or "--sumo-obus" or "--range" or "--loss-from"))
        {
            throw new ArgumentException("--pacing, --sumo-obus, --range and --loss-from go with --sumo.");
        }

        options.Validate();
        return (options, keystore);
    }

    private static (Pkcs11KeyStore? Token, DemoOptions Options) OpenKeyStore(string kind, DemoOptions options, Func<string, string?> environment)
    {
        var module = environment("V2X_PKCS11_LIB");
        var label = environment("V2X_TOKEN_LABEL");
        var pin = environment("V2X_TOKEN_PIN");
        var configured = !string.IsNullOrEmpty(module) && !string.IsNullOrEmpty(label) && !string.IsNullOrEmpty(pin);
        if (kind == "memory" || (kind == "auto" && !configured))
        {
            return (null, options with
            {
                KeyStoreDescription = kind == "memory" ? "in memory (--keystore memory)" : "in memory (no PKCS#11 token configured: V2X_PKCS11_LIB, V2X_TOKEN_LABEL, V2X_TOKEN_PIN unset)",
            });
        }

        if (!configured)
        {
            throw new ArgumentException("--keystore pkcs11 needs V2X_PKCS11_LIB, V2X_TOKEN_LABEL and V2X_TOKEN_PIN (source .state/env).");
        }

        // A configured token that does not open is an error, not a reason to fall back to memory (fail closed).
        var token = new Pkcs11KeyStore(new Pkcs11KeyStoreOptions { ModulePath = module!, TokenLabel = label!, UserPin = pin! });
        return (token, options with { KeyStore = token, KeyStoreDescription = $"SoftHSM2 PKCS#11 token '{label}' ({module}), one label prefix per OBU" });
    }

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : throw new ArgumentException($"{name} takes a number, not '{value}'.");

    private static long Integer(string name, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= int.MinValue and <= int.MaxValue
            ? n
            : throw new ArgumentException($"{name} takes an integer, not '{value}'.");
}
