using System.CommandLine;
using System.Diagnostics;
using CommandLine;
using static System.FormattableString;

namespace Benchmarks.Firmware;

/// <summary>The options of <c>receive-capacity</c>.</summary>
/// <param name="Rounds">Measured rounds (each one burst of each of the four kinds).</param>
/// <param name="WarmUp">Rounds run first and not counted.</param>
/// <param name="Burst">Frames per burst (16 stations, Burst / 16 frames each).</param>
/// <param name="Budget">Which gen-0 budget the measuring process runs with.</param>
public sealed record CapacityOptions(int Rounds, int WarmUp, int Burst, GcBudget Budget)
{
    /// <summary>The <c>receive-capacity</c> command, which runs <paramref name="run"/> with the parsed options.</summary>
    public static Command Command(Func<CapacityOptions, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rounds = CliOptions.Integer("--rounds", 1, 1000, "measured rounds, each one burst of each kind (default 30)", 30);
        var warmUp = CliOptions.Integer("--warm-up", 0, 100, "rounds run first and not counted (default 6)", 6);
        var burst = CliOptions.Integer("--burst", 16, 65_536, "frames per burst, a multiple of 16 (16 neighbours; default 4096)", 4096);
        var wholeNumber = burst.CustomParser!;
        burst.CustomParser = r =>
        {
            // A number out of range is already an error (and parsed as 0).
            var value = wholeNumber(r);
            if (value % 16 != 0)
            {
                r.AddError(Invariant($"--burst takes a multiple of 16 (16 neighbours send the same number of frames), not {value}."));
            }

            return value;
        };
        var budget = new Option<GcBudget>("--gc-budget")
        {
            Description = "the GC gen-0 budget to measure with: obu (the OBU application unit's, packaging/systemd/obu-app.service), "
                          + "runtime (the runtime's default), both (obu, then runtime), as-is (this process's, no child process); default both",
            DefaultValueFactory = _ => GcBudget.Both,
            HelpName = "obu|runtime|both|as-is",
        };
        budget.CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (GcBudgets.TryParse(text) is { } parsed)
            {
                return parsed;
            }

            r.AddError($"--gc-budget takes obu, runtime, both or as-is, not '{text}'.");
            return GcBudget.Both;
        };
        budget.CompletionSources.Add("obu", "runtime", "both", "as-is");
        var command = new Command("receive-capacity", """
            Issue 10's receive figures with the host's drift cancelled: raw ECDsa P-256 verify and the whole receive path, on one core
            and on every core, interleaved burst by burst (each round one burst of each kind, the order reversed every other round),
            so each ratio compares bursts measured within a second of each other; prints the medians and the ratios' spread.
            """)
        {
            rounds, warmUp, burst, budget,
        };
        command.SetAction((p, ct) => p.UnmatchedTokens.Count > 0
            ? throw new UsageException($"unrecognized option or argument '{p.UnmatchedTokens[0]}'.")
            : run(new CapacityOptions(p.GetValue(rounds), p.GetValue(warmUp), p.GetValue(burst), p.GetValue(budget)), ct));
        return command;
    }
}

/// <summary>Which gen-0 budget <c>receive-capacity</c> measures with.</summary>
public enum GcBudget
{
    /// <summary>This process's, whatever its environment says.</summary>
    AsIs,

    /// <summary>The OBU application unit's <c>DOTNET_GCgen0size</c>, in a child process.</summary>
    Obu,

    /// <summary>The runtime's default (no <c>DOTNET_GCgen0size</c>), in a child process.</summary>
    Runtime,

    /// <summary><see cref="Obu"/>, then <see cref="Runtime"/>.</summary>
    Both,
}

/// <summary>The command-line names of <see cref="GcBudget"/>.</summary>
public static class GcBudgets
{
    /// <summary>The budget named <paramref name="text"/>; null for an unknown name.</summary>
    public static GcBudget? TryParse(string text) => text switch
    {
        "obu" => GcBudget.Obu,
        "runtime" => GcBudget.Runtime,
        "both" => GcBudget.Both,
        "as-is" => GcBudget.AsIs,
        _ => null,
    };

    /// <summary>The command-line name of <paramref name="budget"/>.</summary>
    public static string Name(GcBudget budget) => budget switch
    {
        GcBudget.Obu => "obu",
        GcBudget.Runtime => "runtime",
        GcBudget.Both => "both",
        _ => "as-is",
    };
}

/// <summary>
/// <c>receive-capacity</c>: the receive path against raw ECDsa P-256 verify, on one core and on every core, measured
/// round by round in the same process (issue 10, "Done when": all cores at least 0.85 of raw verify on all cores, one
/// core at least 0.85). The BenchmarkDotNet suite (<see cref="ReceivePathBenchmarks"/>) measures each category's
/// iterations one after the other, a minute apart, and the host slows the whole guest for stretches of that length
/// (raw verify on one core 51.6 µs in one run, 67.1 µs in the next on the idle machine), so its ratios carried the host's
/// drift. Here every round runs one burst of each kind (raw one core, receive one core, raw all cores, receive all
/// cores; reversed every other round, so a steady drift within a round favours neither side), each ratio is taken within
/// its round, and the medians over the rounds are printed with the 10th and 90th percentiles of the ratios.
/// <para>
/// The GC's gen-0 budget is read by the runtime from the environment only (Benchmarks/Firmware/README.md, "the GC
/// configuration route"), so the measuring process is a child started with the budget asked for: the OBU application
/// unit's <c>DOTNET_GCgen0size</c>, read from packaging/systemd/obu-app.service (what runs on the OBU), or the
/// runtime's default.
/// </para>
/// </summary>
public static class ReceiveCapacity
{
    private const double Target = 0.85;
    private const int Stations = 16;
    private const string GcVariable = "DOTNET_GCgen0size";

    /// <summary>Runs the command with <paramref name="options"/>, printing to <paramref name="output"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(CapacityOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (options.Budget == GcBudget.AsIs)
        {
            Measure(options, output, cancellationToken);
            return ExitCodes.Ok;
        }

        GcBudget[] budgets = options.Budget == GcBudget.Both ? [GcBudget.Obu, GcBudget.Runtime] : [options.Budget];
        foreach (var budget in budgets)
        {
            var code = await RunChildAsync(options with { Budget = GcBudget.AsIs }, budget, output, cancellationToken);
            if (code != ExitCodes.Ok)
            {
                return code;
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>The gen-0 budget packaging/systemd/obu-app.service gives the OBU application (the value of its <c>DOTNET_GCgen0size</c>, as written).</summary>
    public static string ObuUnitBudget(string repoRoot)
    {
        var unit = Path.Combine(repoRoot, "packaging", "systemd", "obu-app.service");
        const string prefix = "Environment=" + GcVariable + "=";
        foreach (var line in File.ReadLines(unit))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..].Trim();
            }
        }

        throw new InvalidOperationException($"{unit} sets no {GcVariable}: the OBU application's gen-0 budget is not known.");
    }

    /// <summary>The gen-0 budget in effect in this process, and whether it is the server GC.</summary>
    public static string DescribeGc()
    {
        var variables = GC.GetConfigurationVariables();
        var budget = variables.TryGetValue("GCGen0MaxBudget", out var b) ? Convert.ToInt64(b, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var server = variables.TryGetValue("ServerGC", out var s) && s is true;
        return Invariant($"{budget / (1024.0 * 1024):0.#} MB ({(server ? "server" : "workstation")})");
    }

    private static async Task<int> RunChildAsync(CapacityOptions options, GcBudget budget, TextWriter output, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet")
        {
            info.ArgumentList.Add(typeof(ReceiveCapacity).Assembly.Location);
        }

        foreach (var a in new[]
                 {
                     "receive-capacity", "--rounds", Invariant($"{options.Rounds}"), "--warm-up", Invariant($"{options.WarmUp}"),
                     "--burst", Invariant($"{options.Burst}"), "--gc-budget", "as-is",
                 })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment.Remove(GcVariable);
        if (budget == GcBudget.Obu)
        {
            info.Environment[GcVariable] = ObuUnitBudget(RepositoryRoot.Find());
        }

        await output.WriteLineAsync(budget == GcBudget.Obu
            ? $"GC budget: the OBU application unit's ({GcVariable}={info.Environment[GcVariable]}, packaging/systemd/obu-app.service)"
            : $"GC budget: the runtime's default (no {GcVariable})");
        using var child = Process.Start(info) ?? throw new InvalidOperationException("the measuring process did not start");
        await using var stop = cancellationToken.Register(() => child.Kill(entireProcessTree: true));
        var error = child.StandardError.ReadToEndAsync(cancellationToken);
        string? line;
        while ((line = await child.StandardOutput.ReadLineAsync(cancellationToken)) is not null)
        {
            await output.WriteLineAsync(line);
        }

        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the measuring process exited with {child.ExitCode}: {(await error).Trim()}");
        }

        return ExitCodes.Ok;
    }

    // In this process: the warm-up, then the rounds, then the table.
    private static void Measure(CapacityOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var cores = Environment.ProcessorCount;
        output.WriteLine(Invariant($"receive-capacity: {options.Rounds} rounds after {options.WarmUp} warm-up rounds; bursts of {options.Burst} frames from {Stations} neighbours; {cores} cores; GC gen-0 budget {DescribeGc()}; load average {LoadAverage()}"));
        using var bursts = new ReceiveBursts(Stations, options.Burst / Stations, cores);
        bursts.WarmUp(options.WarmUp);
        var rounds = new List<Round>(options.Rounds);
        for (var r = 0; r < options.Rounds; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rounds.Add(MeasureRound(bursts, reversed: r % 2 == 1));
        }

        Print(Summarise(rounds, options.Burst), output);
    }

    /// <summary>One round: the time of each burst (per message) and the gen-0 collections and GC pauses of the two receive bursts.</summary>
    internal readonly record struct Round(double RawOne, double ReceiveOne, double RawAll, double ReceiveAll, int Gen0, double PauseMs);

    private static Round MeasureRound(ReceiveBursts bursts, bool reversed)
    {
        double rawOne = 0, receiveOne = 0, rawAll = 0, receiveAll = 0;
        var gen0 = GC.CollectionCount(0);
        var pause = TimeSpan.Zero;
        var n = bursts.Frames.Length;
        Action[] steps =
        [
            () => rawOne = Time(() => bursts.RawOneCore(), n),
            () =>
            {
                bursts.PrepareOneCore();
                var before = GC.GetTotalPauseDuration();
                receiveOne = Time(bursts.ReceiveOneCore, n);
                pause += GC.GetTotalPauseDuration() - before;
            },
            () => rawAll = Time(() => bursts.RawAllCores(), n),
            () =>
            {
                bursts.PrepareAllCores();
                var before = GC.GetTotalPauseDuration();
                receiveAll = Time(bursts.ReceiveAllCores, n);
                pause += GC.GetTotalPauseDuration() - before;
                bursts.FinishAllCores();
            },
        ];
        if (reversed)
        {
            Array.Reverse(steps);
        }

        foreach (var step in steps)
        {
            step();
        }

        return new Round(rawOne, receiveOne, rawAll, receiveAll, GC.CollectionCount(0) - gen0, pause.TotalMilliseconds);
    }

    // Microseconds per message of one burst of n.
    private static double Time(Func<int> burst, int n)
    {
        var start = Stopwatch.GetTimestamp();
        var done = burst();
        var elapsed = Stopwatch.GetElapsedTime(start);
        return done == n ? elapsed.TotalMicroseconds / n : throw new InvalidOperationException($"{n - done} of {n} frames failed in a burst");
    }

    /// <summary>The figures over the rounds: medians of each burst's time per message, and of the ratios taken within each round.</summary>
    internal sealed record Summary(int Rounds, int Burst, double RawOne, double ReceiveOne, double RawAll, double ReceiveAll,
        Spread OneCoreRatio, Spread AllCoresRatio, Spread Speedup, double Gen0PerThousand, double PauseMsPerRound);

    /// <summary>The median and the 10th and 90th percentiles of a ratio over the rounds.</summary>
    internal readonly record struct Spread(double Median, double P10, double P90);

    internal static Summary Summarise(IReadOnlyList<Round> rounds, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);
        return new Summary(rounds.Count, burst,
            Median(rounds.Select(r => r.RawOne)), Median(rounds.Select(r => r.ReceiveOne)),
            Median(rounds.Select(r => r.RawAll)), Median(rounds.Select(r => r.ReceiveAll)),
            SpreadOf(rounds.Select(r => r.RawOne / r.ReceiveOne)),
            SpreadOf(rounds.Select(r => r.RawAll / r.ReceiveAll)),
            SpreadOf(rounds.Select(r => r.ReceiveOne / r.ReceiveAll)),
            rounds.Sum(r => r.Gen0) * 1000.0 / (rounds.Count * 2.0 * burst),
            rounds.Average(r => r.PauseMs));
    }

    internal static void Print(Summary s, TextWriter output)
    {
        output.WriteLine(Invariant($"| burst | median per message | rate | vs raw verify (median; p10-p90 over {s.Rounds} rounds) |"));
        output.WriteLine("|---|---:|---:|---|");
        output.WriteLine(Invariant($"| raw ECDsa P-256 verify, one core | {s.RawOne:0.0} µs | {1e6 / s.RawOne:N0}/s | |"));
        output.WriteLine(Invariant($"| receive path, one core | {s.ReceiveOne:0.0} µs | {1e6 / s.ReceiveOne:N0}/s | {Verdict(s.OneCoreRatio)} |"));
        output.WriteLine(Invariant($"| raw ECDsa P-256 verify, all cores | {s.RawAll:0.0} µs | {1e6 / s.RawAll:N0}/s | |"));
        output.WriteLine(Invariant($"| receive path, all cores | {s.ReceiveAll:0.0} µs | {1e6 / s.ReceiveAll:N0}/s | {Verdict(s.AllCoresRatio)}; {s.Speedup.Median:0.00}x one core ({s.Speedup.P10:0.00}-{s.Speedup.P90:0.00}) |"));
        output.WriteLine(Invariant($"GC: {s.Gen0PerThousand:0.00} gen-0 collections per 1,000 received messages, {s.PauseMsPerRound:0.0} ms of pauses per round (both receive bursts)"));
    }

    private static string Verdict(Spread ratio) =>
        Invariant($"{ratio.Median:0.00} ({ratio.P10:0.00}-{ratio.P90:0.00}): {(ratio.Median >= Target ? "met" : "MISSED")}");

    private static Spread SpreadOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new Spread(Percentile(sorted, 0.5), Percentile(sorted, 0.1), Percentile(sorted, 0.9));
    }

    private static double Median(IEnumerable<double> values) => Percentile([.. values.Order()], 0.5);

    // Linear interpolation between the closest ranks of an ascending array.
    private static double Percentile(double[] sorted, double p)
    {
        var at = p * (sorted.Length - 1);
        var low = (int)Math.Floor(at);
        var high = (int)Math.Ceiling(at);
        return sorted[low] + ((sorted[high] - sorted[low]) * (at - low));
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
