using System.CommandLine;
using System.CommandLine.Parsing;
using CommandLine;
using Bench.Misbehaviour;

namespace Bench.Cli;

/// <summary>
/// <c>misbehaviour</c>: the local misbehaviour detection's evaluation (issue 14; Docs/misbehaviour.md, "Evaluation"):
/// labelled traffic of genuine vehicles and attackers of every detection class, in virtual time, past several receivers;
/// prints precision and recall per class and the delay to detection; then the same traffic as signed frames past OBUs that
/// report to the bench PKI's misbehaviour authority, and per attacker the time from its first false message to its
/// revocation at the authority and to its first rejection as Revoked at each receiver. A measurement: exit 0 when it ran, 2 usage.
/// </summary>
public static class MisbehaviourCommand
{

    /// <summary>The <c>misbehaviour</c> command; <paramref name="output"/> receives the figures.</summary>
    public static Command Create(TextWriter output)
    {
        var s = new Symbols();
        var command = new Command("misbehaviour",
            "The local misbehaviour detection's precision and recall per class, the delay to detection, and the time to revocation at every receiver, in virtual time.")
        {
            s.Duration, s.Genuine, s.Attackers, s.Receivers, s.Range, s.Seed, s.Revocation,
        };
        command.SetAction((p, ct) => RunAsync(Validated(s.Options(p)), output, ct));
        return command;
    }

    private static async Task<int> RunAsync(EvaluationOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var traffic = EvaluationTraffic.Generate(options);
        var figures = await Task.Run(() => EvaluationRun.Run(traffic, options), cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(figures.ToText()).ConfigureAwait(false);
        if (options.Revocation)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            var revocation = await RevocationRun.RunAsync(traffic, options, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(revocation.ToText()).ConfigureAwait(false);
        }

        return 0;
    }

    // Out-of-range values are usage errors (exit 2, ArgumentException).
    private static EvaluationOptions Validated(EvaluationOptions options)
    {
        options.Validate();
        return options;
    }

    // The options of one command tree (System.CommandLine symbols belong to one tree).
    private sealed class Symbols
    {
        public Option<int> Duration { get; } = CliOptions.Integer("--duration", 1, 86_400, "scenario length in seconds of virtual time (default 60)", 60);
        public Option<int> Genuine { get; } = CliOptions.Integer("--genuine", 0, 100_000, "genuine vehicles (default 40)", 40);
        public Option<int> Attackers { get; } = CliOptions.Integer("--attackers", 0, 10_000, "attackers per detection class (default 2)", 2);
        public Option<int> Receivers { get; } = CliOptions.Integer("--receivers", 0, 10_000, "receivers 300 m apart (default 6)", 6);
        public Option<int> Range { get; } = CliOptions.Integer("--range", 1, 100_000, "their range in metres (default 600)", 600);
        public Option<int> Seed { get; } = CliOptions.Integer("--seed", int.MinValue, int.MaxValue, "seed of the scenario (default 1)", 1);
        public Option<string> Revocation { get; } = CliOptions.Choice("--revocation", "also run the loop to revocation on signed frames: yes (default) or no", "yes", "yes", "no");

        public EvaluationOptions Options(ParseResult r) => new()
        {
            Duration = TimeSpan.FromSeconds(r.GetValue(Duration)),
            Genuine = r.GetValue(Genuine),
            AttackersPerClass = r.GetValue(Attackers),
            Receivers = r.GetValue(Receivers),
            RangeMetres = r.GetValue(Range),
            Seed = r.GetValue(Seed),
            Revocation = r.GetValue(Revocation) == "yes",
        };
    }
}
