using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using CommandLine;
using Bench.Flood;
using Firmware.Application.Receiving;

namespace Bench.Cli;

/// <summary>
/// <c>flood</c>: the receiver under a signature flood (issue 10; Docs/trust-decisions.md, "Under load"): one
/// receive pipeline with a worker per core fed, on the wall clock, genuine CAMs from the neighbours plus forgeries
/// under cached digests, valid uncached tickets with wrong signatures, exact replays and (optionally) random digests;
/// prints, per verify-on-demand mode, the share of genuine frames decided within 100 ms, replays accepted, what the
/// receiver spent and the memory it held. A measurement, not a test: exit 0 when every run kept the security
/// properties (no replay, no verified forgery accepted) whatever the timing figures, 1 when one did not, 2 usage.
/// </summary>
public static class FloodCommand
{
    /// <summary>The <c>flood</c> command; <paramref name="output"/> receives the figures.</summary>
    public static Command Create(TextWriter output) => Create(output, new Symbols());

    private static Command Create(TextWriter output, Symbols s)
    {
        var command = new Command("flood", "The receiver under a signature flood: genuine CAMs, forgeries, uncached tickets, replays; figures per verify-on-demand mode.")
        {
            s.Duration, s.Warmup, s.Neighbours, s.CamHz, s.Forged, s.Victims, s.Uncached, s.UncachedTickets, s.Replays,
            s.ReplayDelay, s.RandomDigests, s.Workers, s.Mode, s.Seed, s.Out,
        };
        command.SetAction((p, ct) => RunAsync(Validated(s.Options(p)), p.GetValue(s.Out), output, ct));
        return command;
    }

    /// <summary>Parses a command line starting with the word <c>flood</c>.</summary>
    /// <exception cref="ArgumentException">Not the flood command, an unknown option or a bad value (the message says which).</exception>
    internal static FloodOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var symbols = new Symbols();
        var command = Create(TextWriter.Null, symbols);
        var root = new RootCommand { command };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 || parsed.CommandResult.Command != command)
        {
            throw new ArgumentException(parsed.Errors.Count > 0 ? string.Join(" ", parsed.Errors.Select(e => e.Message)) : "The command is 'flood'.");
        }

        return Validated(symbols.Options(parsed));
    }

    private static async Task<int> RunAsync(FloodOptions options, string? reportFolder, TextWriter output, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var built = Stopwatch.StartNew();
        var traffic = await Task.Run(() => FloodTraffic.Generate(options), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c,
            $"flood: {options.Neighbours} neighbours x {options.CamHz} Hz, {options.ForgedPerSecond:N0} forged/s under {options.Victims} victim(s), {options.UncachedPerSecond:N0} uncached/s over {options.UncachedTickets} tickets, {options.ReplayShare:P0} of genuine frames replayed {options.ReplayDelay.TotalMilliseconds:0} ms later, {options.RandomDigestsPerSecond:N0} random digests/s; {options.Duration.TotalSeconds:0.#} s flood after {options.Warmup.TotalSeconds:0.#} s warm-up; {traffic.Items.Length:N0} frames built in {built.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores")).ConfigureAwait(false);

        var secure = true;
        var runs = new List<FloodFigures>();
        foreach (var mode in options.Modes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var figures = await Task.Run(() => FloodRun.Run(traffic, options, mode), cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(figures.ToText()).ConfigureAwait(false);
            secure &= figures.Secure;
            runs.Add(figures);
        }

        if (reportFolder is not null)
        {
            await output.WriteLineAsync($"written: {Report.FloodReport.Write(runs, Path.GetFullPath(reportFolder))} with its plots and report.json").ConfigureAwait(false);
        }

        return secure ? 0 : 1;
    }

    // Out-of-range values are usage errors (exit 2, ArgumentException).
    private static FloodOptions Validated(FloodOptions options)
    {
        options.Validate();
        return options;
    }

    // The options of one command tree (System.CommandLine symbols belong to one tree).
    private sealed class Symbols
    {
        public Option<TimeSpan> Duration { get; } = CliOptions.Duration("--duration", "the flood (default 10)", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
        public Option<TimeSpan> Warmup { get; } = CliOptions.Duration("--warmup", "genuine traffic alone before it (default 1)", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        public Option<int> Neighbours { get; } = CliOptions.Integer("--neighbours", 1, 10_000, "neighbours sending CAMs (default 50)", 50);
        public Option<double> CamHz { get; } = CliOptions.Number("--cam-hz", 0.001, 100, "their CAM rate in Hz (default 10)", 10);
        public Option<double> Forged { get; } = CliOptions.Number("--forged", 0, 1_000_000, "forgeries per second under cached neighbours' digests (default 10000)", 10_000);
        public Option<int> Victims { get; } = CliOptions.Integer("--victims", 1, 10_000, "over this many neighbours (default 1)", 1);
        public Option<double> Uncached { get; } = CliOptions.Number("--uncached", 0, 1_000_000, "valid, never-heard tickets with wrong signatures per second (default 1500)", 1_500);
        public Option<int> UncachedTickets { get; } = CliOptions.Integer("--uncached-tickets", 1, 1_000_000, "over this many tickets (default 150)", 150);
        public Option<double> Replays { get; } = CliOptions.Number("--replays", 0, 1, "share of genuine frames replayed exactly (default 1.0)", 1.0);
        public Option<double> ReplayDelay { get; } = CliOptions.Number("--replay-delay", 0, 600_000, "milliseconds later (default 300)", 300);
        public Option<double> RandomDigests { get; } = CliOptions.Number("--random-digests", 0, 100_000, "frames per second under random, never-repeated digests (default 0)", 0);
        public Option<int> Workers { get; } = CliOptions.Integer("--workers", 1, 1024, "receive workers (default: one per core)");
        public Option<int> Seed { get; } = CliOptions.Integer("--seed", int.MinValue, int.MaxValue, "seed of the traffic (default 1)", 1);

        public Option<string> Mode { get; } = CliOptions.Choice("--verify-on-demand", "off, under-load, always, or both (off then under-load; the default)", "both",
            "off", "under-load", "always", "both");

        public Option<string> Out { get; } = CliOptions.Text("--out", "also write report.html (plots) and report.json of the runs into this folder (Bench/Report/FloodReport.cs)", valueName: "DIR");

        public FloodOptions Options(ParseResult r) => new()
        {
            Duration = r.GetValue(Duration),
            Warmup = r.GetValue(Warmup),
            Neighbours = r.GetValue(Neighbours),
            CamHz = r.GetValue(CamHz),
            ForgedPerSecond = r.GetValue(Forged),
            Victims = r.GetValue(Victims),
            UncachedPerSecond = r.GetValue(Uncached),
            UncachedTickets = r.GetValue(UncachedTickets),
            ReplayShare = r.GetValue(Replays),
            ReplayDelay = TimeSpan.FromMilliseconds(r.GetValue(ReplayDelay)),
            RandomDigestsPerSecond = r.GetValue(RandomDigests),
            Workers = r.IsGiven(Workers) ? r.GetValue(Workers) : null,
            Modes = r.GetValue(Mode) switch
            {
                "off" => [VerifyOnDemandMode.Off],
                "under-load" => [VerifyOnDemandMode.UnderLoad],
                "always" => [VerifyOnDemandMode.Always],
                _ => [VerifyOnDemandMode.Off, VerifyOnDemandMode.UnderLoad],
            },
            Seed = r.GetValue(Seed),
        };
    }
}
