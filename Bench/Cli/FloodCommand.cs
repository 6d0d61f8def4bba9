using System.Diagnostics;
using System.Globalization;
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
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: Bench flood [options]
          --duration SECONDS       the flood (default 10), after --warmup SECONDS of genuine traffic alone (default 1)
          --neighbours N           neighbours sending CAMs (default 50) at --cam-hz HZ (default 10)
          --forged PER_SECOND      forgeries under cached neighbours' digests (default 10000), over --victims N of them (default 1)
          --uncached PER_SECOND    valid, never-heard tickets with wrong signatures (default 1500), over --uncached-tickets N (default 150)
          --replays SHARE          share of genuine frames replayed exactly (default 1.0), --replay-delay MS later (default 300)
          --random-digests PER_SECOND  frames under random, never-repeated digests (default 0)
          --workers N              receive workers (default: one per core)
          --verify-on-demand MODE  off, under-load, always, or both (off then under-load; the default)
          --seed N                 seed of the traffic (default 1)
        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        FloodOptions options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var c = CultureInfo.InvariantCulture;
        var built = Stopwatch.StartNew();
        var traffic = await Task.Run(() => FloodTraffic.Generate(options), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c,
            $"flood: {options.Neighbours} neighbours x {options.CamHz} Hz, {options.ForgedPerSecond:N0} forged/s under {options.Victims} victim(s), {options.UncachedPerSecond:N0} uncached/s over {options.UncachedTickets} tickets, {options.ReplayShare:P0} of genuine frames replayed {options.ReplayDelay.TotalMilliseconds:0} ms later, {options.RandomDigestsPerSecond:N0} random digests/s; {options.Duration.TotalSeconds:0.#} s flood after {options.Warmup.TotalSeconds:0.#} s warm-up; {traffic.Items.Length:N0} frames built in {built.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores")).ConfigureAwait(false);

        var secure = true;
        foreach (var mode in options.Modes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var figures = await Task.Run(() => FloodRun.Run(traffic, options, mode), cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(figures.ToText()).ConfigureAwait(false);
            secure &= figures.Secure;
        }

        return secure ? 0 : 1;
    }

    /// <summary>Parses the options (after the word <c>flood</c>).</summary>
    /// <exception cref="ArgumentException">Not the flood command, an unknown option or a bad value.</exception>
    internal static FloodOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != "flood")
        {
            throw new ArgumentException("The command is 'flood'.");
        }

        var o = new FloodOptions();
        for (var i = 1; i < args.Count; i += 2)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }

            var value = args[i + 1];
            o = name switch
            {
                "--duration" => o with { Duration = TimeSpan.FromSeconds(Number(name, value)) },
                "--warmup" => o with { Warmup = TimeSpan.FromSeconds(Number(name, value)) },
                "--neighbours" => o with { Neighbours = Integer(name, value) },
                "--cam-hz" => o with { CamHz = Number(name, value) },
                "--forged" => o with { ForgedPerSecond = Number(name, value) },
                "--victims" => o with { Victims = Integer(name, value) },
                "--uncached" => o with { UncachedPerSecond = Number(name, value) },
                "--uncached-tickets" => o with { UncachedTickets = Integer(name, value) },
                "--replays" => o with { ReplayShare = Number(name, value) },
                "--replay-delay" => o with { ReplayDelay = TimeSpan.FromMilliseconds(Number(name, value)) },
                "--random-digests" => o with { RandomDigestsPerSecond = Number(name, value) },
                "--workers" => o with { Workers = Integer(name, value) },
                "--seed" => o with { Seed = Integer(name, value) },
                "--verify-on-demand" => o with
                {
                    Modes = value switch
                    {
                        "off" => [VerifyOnDemandMode.Off],
                        "under-load" => [VerifyOnDemandMode.UnderLoad],
                        "always" => [VerifyOnDemandMode.Always],
                        "both" => [VerifyOnDemandMode.Off, VerifyOnDemandMode.UnderLoad],
                        _ => throw new ArgumentException("--verify-on-demand is off, under-load, always or both."),
                    },
                },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        o.Validate();
        return o;
    }

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : throw new ArgumentException($"{name} takes a number, not '{value}'.");

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} takes an integer, not '{value}'.");
}
