using System.CommandLine;
using CommandLine;

namespace Benchmarks.Community.Scale;

/// <summary>The options of <c>hub-scale</c>, and its command (System.CommandLine, the conventions of CommandLine/).</summary>
/// <param name="Preload">Objects in the store before the measurements (bulk-loaded once, reused by later runs).</param>
/// <param name="Envelopes">Envelopes of 500 summaries ingested in process.</param>
/// <param name="Rate">Signed single-summary posts per second over HTTPS.</param>
/// <param name="Seconds">How long the posts go on.</param>
/// <param name="Backends">The stores, in order: sqlite, postgres.</param>
/// <param name="Explain">Print the plans of the queries TAXII makes.</param>
public sealed record ScaleOptions(long Preload, int Envelopes, int Rate, int Seconds, IReadOnlyList<string> Backends, bool Explain)
{
    /// <summary>The stores hub-scale measures.</summary>
    public static IReadOnlyList<string> KnownBackends { get; } = ["sqlite", "postgres"];

    /// <summary>The <c>hub-scale</c> command, which runs <paramref name="run"/> with the parsed options.</summary>
    public static Command Command(Func<ScaleOptions, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var preload = CliOptions.Integer("--preload", 0, 100_000_000, "objects in the store before the measurements (default 1000000)", 1_000_000);
        var envelopes = CliOptions.Integer("--envelopes", 1, 10_000, "envelopes of 500 fresh summaries ingested in process (default 20)", 20);
        var rate = CliOptions.Integer("--rate", 1, 10_000, "signed single-summary posts per second over HTTPS (default 100)", 100);
        var seconds = CliOptions.Integer("--seconds", 1, 3600, "how long the posts go on (default 30)", 30);
        var backends = BackendsOption();
        var explain = CliOptions.Flag("--explain", "print the plans of the queries TAXII makes (EXPLAIN ANALYZE / EXPLAIN QUERY PLAN)");
        var command = new Command("hub-scale", "The hub at scale (issue 16): bulk load, ingest rate, and post-to-complete latency under signed posts, per backend; "
                                               + "prints its figures with the load average beside each.")
        {
            preload, envelopes, rate, seconds, backends, explain,
        };
        command.SetAction((p, ct) => p.UnmatchedTokens.Count > 0
            // The root passes unmatched tokens to BenchmarkDotNet (BenchmarksCli); this command has none.
            ? throw new UsageException($"unrecognized option or argument '{p.UnmatchedTokens[0]}'.")
            : run(new ScaleOptions(p.GetValue(preload), p.GetValue(envelopes), p.GetValue(rate), p.GetValue(seconds),
            p.GetRequiredValue(backends), p.GetValue(explain)), ct));
        return command;
    }

    // A comma-separated list of backends, each known, none twice.
    private static Option<string[]> BackendsOption()
    {
        var option = new Option<string[]>("--backends")
        {
            Description = "the stores to measure, comma-separated: sqlite, postgres (default sqlite,postgres; postgres needs V2X_PG: source .state/env)",
            HelpName = "sqlite,postgres",
            DefaultValueFactory = _ => [.. KnownBackends],
        };
        option.CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : string.Empty;
            var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = names.Where(n => !KnownBackends.Contains(n, StringComparer.Ordinal)).ToList();
            if (names.Length == 0 || unknown.Count > 0 || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            {
                r.AddError($"--backends takes sqlite, postgres or both, comma-separated, each once, not '{text}'.");
            }

            return names;
        };
        option.CompletionSources.Add("sqlite", "postgres", "sqlite,postgres");
        return option;
    }
}
