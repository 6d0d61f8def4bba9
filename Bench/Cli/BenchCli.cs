using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using Bench.Demo;
using CommandLine;
using Hardware.Security;

namespace Bench.Cli;

/// <summary>
/// The bench executable's command line, on System.CommandLine (conventions in CommandLine/): <c>demo [--duration SECONDS]
/// [--obus N] [--out DIR] [--seed N] [--scan-period SECONDS] [--keystore auto|memory|pkcs11] [--carrier facilities|headerinfo]
/// [--no-hub] [--plain] [--record] [--live PORT] [--sumo FILE.sumocfg [--pacing FACTOR] [--sumo-obus N] [--range METRES [--loss-from METRES]]]
/// [--radio-port N] [--part K/N --radio-interface ADDRESS --pki DIR]</c> (with --sumo: <see cref="Mobility.SumoBench"/>; with --part: <see cref="PartDemo"/>), or <c>flood [options]</c> (<see cref="FloodCommand"/>), <c>misbehaviour [options]</c>
/// (<see cref="MisbehaviourCommand"/>), <c>report --recording DIR [...]</c> (<see cref="Report.DriveReportCommand"/>) or <c>scenario FILE</c>
/// (<see cref="ScenarioCommand"/>).
/// Exit codes: 0 the demo ran and every expectation held, 1 an expectation failed or the run broke, 2 usage.
/// </summary>
public static class BenchCli
{
    /// <summary>Runs the command; <paramref name="environment"/> reads V2X_PKCS11_LIB, V2X_TOKEN_LABEL and V2X_TOKEN_PIN.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment, TextWriter output, TextWriter error, bool terminal,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return CliRunner.RunAsync("Bench", Build(environment, output, error, terminal), args, output, error, Classify, cancellationToken);
    }

    /// <summary>The exit code of an exception at run time: 2 for a usage refusal, 1 for a broken report or run.</summary>
    public static int? Classify(Exception e) => e switch
    {
        ArgumentException => ExitCodes.Usage,
        InvalidDataException or IOException or UnauthorizedAccessException => ExitCodes.Failed,
        _ => null,
    };

    /// <summary>The command tree.</summary>
    public static RootCommand Build(Func<string, string?> environment, TextWriter output, TextWriter error, bool terminal) => new(
        "The V2X bench: OBUs with the integrity detection function, a PKI and a sharing hub on one machine, and measurements of the receiver.")
    {
        DemoCommand(new DemoSymbols(), environment, output, error, terminal),
        FloodCommand.Create(output),
        MisbehaviourCommand.Create(output),
        Report.DriveReportCommand.Create(output),
        ScenarioCommand.Create(environment, output, error, terminal),
    };

    /// <summary>Parses a <c>demo</c> command line into options and the key-store choice.</summary>
    /// <exception cref="ArgumentException">Not the demo command, an unknown option or a bad value (the message says which).</exception>
    public static (DemoOptions Options, string KeyStore) Parse(IReadOnlyList<string> args, bool terminal)
    {
        ArgumentNullException.ThrowIfNull(args);
        var symbols = new DemoSymbols();
        var demo = DemoCommand(symbols, _ => null, TextWriter.Null, TextWriter.Null, terminal);
        var parsed = new RootCommand { demo }.Parse(args);
        if (parsed.Errors.Count > 0 || parsed.CommandResult.Command != demo)
        {
            throw new ArgumentException(parsed.Errors.Count > 0 ? string.Join(" ", parsed.Errors.Select(e => e.Message)) : "The command is 'demo'.");
        }

        return (Validated(symbols.Options(parsed, terminal)), parsed.GetRequiredValue(symbols.KeyStore));
    }

    private static Command DemoCommand(DemoSymbols s, Func<string, string?> environment, TextWriter output, TextWriter error, bool terminal)
    {
        var command = new Command("demo", "Run the demo: OBUs drive, one is tampered with, the others stop trusting it; replays and a legacy sender are refused.")
        {
            s.Duration, s.Obus, s.Out, s.Seed, s.ScanPeriod, s.KeyStore, s.Carrier, s.NoHub, s.Plain, s.Record, s.Live,
            s.Sumo, s.Pacing, s.SumoObus, s.Range, s.LossFrom, s.VerifyOnDemand, s.Part, s.RadioInterface, s.RadioPort, s.SharedPki,
        };
        command.SetAction((p, ct) => RunDemoAsync(Validated(s.Options(p, terminal)), p.GetRequiredValue(s.KeyStore), environment, output, error, ct));
        return command;
    }

    private static async Task<int> RunDemoAsync(DemoOptions options, string keystore, Func<string, string?> environment, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
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
                return run.Passed ? ExitCodes.Ok : ExitCodes.Failed;
            }

            var summary = options.Part is null
                ? await new BenchDemo(options, output).RunAsync(cancellationToken).ConfigureAwait(false)
                : await new PartDemo(options, output).RunAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"demo {(summary.Passed ? "passed" : "FAILED")}: {summary.Expectations.Count(e => e.Passed)} of {summary.Expectations.Count} expectations held; wall clock {wall.Elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);
            return summary.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (Hardware.Positioning.Sumo.SumoException e)
        {
            // --sumo without SUMO installed, or a configuration sumo refuses: a usage error, with sumo's reason.
            await error.WriteLineAsync($"--sumo: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("demo interrupted").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (UnauthorizedAccessException e)
        {
            // The output folder (or a file in it) may not be created or written, e.g. --out under /sys.
            await error.WriteLineAsync($"demo failed: the output folder {options.OutputDirectory} cannot be written: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception e) when (IsRunFailure(e))
        {
            await error.WriteLineAsync($"demo failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            token?.Dispose();
        }
    }

    /// <summary>An exception that ends a run as a failure (exit 1) rather than a bug: the PKI, the partition, the hub, the radio, the files.</summary>
    internal static bool IsRunFailure(Exception e) => e is KeyStoreException or PkiProtocol.PkiException or IOException or System.Net.Sockets.SocketException
        or HttpRequestException or Microsoft.Data.Sqlite.SqliteException
        or Firmware.SecurePartition.PartitionException or Firmware.SecurePartition.Protocol.ProtocolException
        or Firmware.Application.Trust.TrustException or Cti.CtiException or InvalidOperationException or TimeoutException
        or Hardware.Positioning.Sumo.TraciException;

    /// <summary>Opens the key store <paramref name="kind"/> names (auto, memory, pkcs11) and puts it in the options.</summary>
    internal static (Pkcs11KeyStore? Token, DemoOptions Options) OpenKeyStore(string kind, DemoOptions options, Func<string, string?> environment)
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

    // Out-of-range values are usage errors (exit 2, ArgumentException).
    private static DemoOptions Validated(DemoOptions options)
    {
        options.Validate();
        return options;
    }

    // The demo's options (System.CommandLine symbols belong to one tree).
    private sealed class DemoSymbols
    {
        public Option<TimeSpan> Duration { get; } = CliOptions.Duration("--duration", "whole run, both phases (default 30)", TimeSpan.FromSeconds(30), TimeSpan.FromDays(1));

        public Option<int> Obus { get; } = CliOptions.Integer("--obus", int.MinValue, int.MaxValue, "OBUs with the integrity detection function, 4..12 (default 4)", 4);

        public Option<string> Out { get; } = CliOptions.Text("--out", "output folder, empty or absent (default: a new folder under the temp folder)", valueName: "DIR");

        public Option<int> Seed { get; } = CliOptions.Integer("--seed", int.MinValue, int.MaxValue, "seed of the demo's choices: routes, tampered OBU, replayed frames (default 1)", 1);

        public Option<TimeSpan> ScanPeriod { get; } = CliOptions.Duration("--scan-period", "the secure partitions' integrity scan period (default 5)", TimeSpan.FromSeconds(5),
            TimeSpan.FromDays(1));

        public Option<string> KeyStore { get; } = CliOptions.Choice("--keystore",
            "auto (the SoftHSM2 token of .state/env when configured, else memory), memory, pkcs11", "auto", "auto", "memory", "pkcs11");

        // Docs/formats.md §3.8: inside the CAM/DENM, or IEEE 1609.2 HeaderInfo.contributedExtensions.
        public Option<string> Carrier { get; } = CliOptions.Choice("--carrier", "where the OBUs' partitions put the integrity report: facilities (default) or headerinfo",
            "facilities", "facilities", "headerinfo");

        public Option<bool> NoHub { get; } = CliOptions.Flag("--no-hub", "no sharing-community hub and no upstream forwarders (the hub expectation is skipped)");

        public Option<bool> Plain { get; } = CliOptions.Flag("--plain", "print plain lines even on a terminal");

        public Option<bool> Record { get; } = CliOptions.Flag("--record", "record each OBU's drive into OUT/obu-N/recording (Firmware/Application/Recording)");

        public Option<int> Live { get; } = CliOptions.Port("--live", "serve the live web view on http://127.0.0.1:PORT/ while the run lasts (0: a free port; Bench/Live)", 0);

        public Option<string> Sumo { get; } = CliOptions.Text("--sumo",
            "drive the vehicles from SUMO (Bench/Scenarios/Sumo; Docs/bench.md \"SUMO mobility\"): each departing vehicle gets an OBU, which stops when it arrives; "
            + "SUMO's time is the clock; --duration is simulated seconds; needs the Debian package sumo (else exit 2)", valueName: "FILE.sumocfg");

        public Option<double> Pacing { get; } = CliOptions.Number("--pacing", 0.1, 20, "with --sumo: simulated seconds per wall second (default 1, real time)", 1.0);

        public Option<int> SumoObus { get; } = CliOptions.Integer("--sumo-obus", 1, 200, "with --sumo: most vehicles with an OBU at once (default 12)", 12);

        public Option<double> Range { get; } = CliOptions.Number("--range", 1, 100_000, "with --sumo: radio range in metres; a node hears only senders within it (default: no range)");

        public Option<string> VerifyOnDemand { get; } = CliOptions.Choice("--verify-on-demand",
            "with --sumo: the OBUs' receivers may skip the ECDSA of a known neighbour's CAMs (Docs/trust-decisions.md \"Verify-on-demand\"): off (default), under-load or always",
            "off", "off", "under-load", "always");

        public Option<double> LossFrom { get; } = CliOptions.Number("--loss-from", 0, 100_000, "with --range: loss by distance rises linearly from here (metres) to the range");

        // One scenario over several processes or hosts (Docs/bench.md "One scenario over two hosts").
        public Option<string> Part { get; } = CliOptions.Text("--part",
            "run part K of N of the scenario in this process (PartDemo: its share of the OBUs; the attacker in part 1, the legacy station in part N), "
            + "the other parts in other processes or hosts on the same radio medium; needs --radio-port and --pki", valueName: "K/N");

        public Option<string> RadioInterface { get; } = CliOptions.Text("--radio-interface",
            "with --part: the IPv4 address of the interface the multicast radio uses (default 127.0.0.1)", valueName: "ADDRESS");

        public Option<int> RadioPort { get; } = CliOptions.Integer("--radio-port", 1, 65534, "UDP port of the multicast radio, the same in every part (default: a free port)");

        public Option<string> SharedPki { get; } = CliOptions.Text("--pki", "with --part: the PKI folder every part copies ('Pki init DIR'; the same root, EA and AA)", valueName: "DIR");

        public DemoOptions Options(ParseResult r, bool terminal)
        {
            var sumo = r.GetValue(Sumo);
            if (sumo is null && (r.IsGiven(Pacing) || r.IsGiven(SumoObus) || r.IsGiven(Range) || r.IsGiven(LossFrom) || r.IsGiven(VerifyOnDemand)))
            {
                throw new ArgumentException("--pacing, --sumo-obus, --range, --loss-from and --verify-on-demand go with --sumo.");
            }

            var iface = r.GetValue(RadioInterface);
            return Demo(r, terminal) with
            {
                Part = r.GetValue(Part) is { } part ? DemoPart.Parse(part) : null,
                RadioInterface = iface is null ? System.Net.IPAddress.Loopback
                    : System.Net.IPAddress.TryParse(iface, out var address) ? address : throw new ArgumentException($"--radio-interface is an IPv4 address (got '{iface}')."),
                RadioPort = r.IsGiven(RadioPort) ? r.GetValue(RadioPort) : 0,
                SharedPki = r.GetValue(SharedPki) is { } pki ? Path.GetFullPath(pki) : null,
                LivePort = r.IsGiven(Live) ? r.GetValue(Live) : null,
                Sumo = sumo is null ? null : new Mobility.SumoSettings
                {
                    Configuration = Path.GetFullPath(sumo),
                    Pacing = r.GetValue(Pacing),
                    MaxObus = r.GetValue(SumoObus),
                    RangeMeters = r.IsGiven(Range) ? r.GetValue(Range) : null,
                    LossFromMeters = r.IsGiven(LossFrom) ? r.GetValue(LossFrom) : null,
                    VerifyOnDemand = r.GetValue(VerifyOnDemand) switch
                    {
                        "under-load" => Firmware.Application.Receiving.VerifyOnDemandMode.UnderLoad,
                        "always" => Firmware.Application.Receiving.VerifyOnDemandMode.Always,
                        _ => Firmware.Application.Receiving.VerifyOnDemandMode.Off,
                    },
                },
            };
        }

        private DemoOptions Demo(ParseResult r, bool terminal) => new()
        {
            Duration = r.GetValue(Duration),
            ObuCount = r.GetValue(Obus),
            OutputDirectory = Path.GetFullPath(r.GetValue(Out) ?? Path.Combine(Path.GetTempPath(),
                "v2x-bench-demo-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))),
            Seed = r.GetValue(Seed),
            ScanPeriod = r.GetValue(ScanPeriod),
            InPlace = terminal && !r.GetValue(Plain),
            Hub = !r.GetValue(NoHub),
            Carrier = r.GetValue(Carrier) == "headerinfo" ? V2x.Integrity.ReportCarrier.HeaderInfo : V2x.Integrity.ReportCarrier.Facilities,
            Record = r.GetValue(Record),
        };
    }
}
