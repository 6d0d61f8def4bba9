using System.Globalization;
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
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: Bench misbehaviour [options]
          --duration SECONDS       scenario length in virtual time (default 60)
          --genuine N              genuine vehicles (default 40)
          --attackers N            attackers per detection class (default 2)
          --receivers N            receivers 300 m apart (default 6), --range METRES (default 600)
          --seed N                 seed of the scenario (default 1)
          --revocation yes|no      also run the loop to revocation on signed frames (default yes)
        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        EvaluationOptions options;
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

    /// <summary>Parses the options (after the word <c>misbehaviour</c>).</summary>
    /// <exception cref="ArgumentException">Not the command, an unknown option or a bad value.</exception>
    internal static EvaluationOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != "misbehaviour")
        {
            throw new ArgumentException("The command is 'misbehaviour'.");
        }

        var o = new EvaluationOptions();
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
                "--duration" => o with { Duration = TimeSpan.FromSeconds(Integer(name, value)) },
                "--genuine" => o with { Genuine = Integer(name, value) },
                "--attackers" => o with { AttackersPerClass = Integer(name, value) },
                "--receivers" => o with { Receivers = Integer(name, value) },
                "--range" => o with { RangeMetres = Integer(name, value) },
                "--seed" => o with { Seed = Integer(name, value) },
                "--revocation" => o with { Revocation = value switch { "yes" => true, "no" => false, _ => throw new ArgumentException($"--revocation takes yes or no, not '{value}'.") } },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        o.Validate();
        return o;
    }

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name} takes a whole number, not '{value}'.");
}
