using System.Globalization;
using Bench.Attacks;
using Bench.Reporting;

namespace Bench.Scenarios.Files;

/// <summary>
/// A scenario file's expectations against what the run produced: the run's own checks (the demo's or the SUMO bench's
/// expectations, the flood bench's security property) by id, and the file's limits on the detection delay, the replays
/// accepted and the flood receiver's share of genuine frames decided in time.
/// </summary>
public static class ScenarioVerdict
{
    /// <summary>The outcome of every expectation of <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario that ran.</param>
    /// <param name="checks">The run's own checks (DemoSummary.Expectations or SumoRunSummary.Expectations).</param>
    /// <param name="demo">The built-in demo's summary (null with SUMO mobility).</param>
    /// <param name="flood">The flood bench's result (null without floods): no replay or verified forgery accepted, and the share of genuine frames decided in time.</param>
    /// <param name="attacks">The SUMO bench's attack figures (Bench/Attacks; null or empty with the built-in route).</param>
    public static IReadOnlyList<ScenarioOutcome> Evaluate(Scenario scenario, IReadOnlyList<Expectation> checks, DemoSummary? demo, (bool Secure, double InTimeShare)? flood,
        IReadOnlyList<SumoAttackFigures>? attacks = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(checks);
        var c = CultureInfo.InvariantCulture;
        var ids = scenario.Mobility.Kind == MobilityKind.Route ? ExpectationIds.Route : ExpectationIds.Sumo;
        var outcomes = new List<ScenarioOutcome>();
        var floodOutcome = flood is { } f
            ? new ScenarioOutcome(ExpectationIds.FloodSecure, f.Secure, f.Secure ? "no replay and no verified forgery accepted at the flood receiver" : "the flood receiver accepted a replay or a verified forgery")
            : null;
        if (scenario.Expectations.All)
        {
            outcomes.AddRange(checks.Select(e => new ScenarioOutcome(ids.FirstOrDefault(p => p.Value(e.Name)).Key ?? e.Name, e.Passed, $"{e.Name}: {e.Detail}")));
            if (floodOutcome is not null)
            {
                outcomes.Add(floodOutcome);
            }
        }

        foreach (var id in scenario.Expectations.Checks)
        {
            if (id == ExpectationIds.FloodSecure)
            {
                outcomes.Add(floodOutcome ?? new ScenarioOutcome(id, false, "the flood bench did not run"));
                continue;
            }

            // A check the run makes once per attack (SUMO's two floods) holds when every one of them held.
            var found = ids.TryGetValue(id, out var matches) ? checks.Where(e => matches(e.Name)).ToList() : [];
            outcomes.Add(found.Count == 0
                ? new ScenarioOutcome(id, false, "the run's summary has no such check")
                : new ScenarioOutcome(id, found.All(f => f.Passed), string.Join(" | ", found.Select(f => $"{f.Name}: {f.Detail}"))));
        }

        // Every tamper of a SUMO run (a rogue process, tampered firmware): each receiver in range detected it within the limit.
        var tampers = attacks?.Where(a => a.Attack is "rogue-process" or "tampered-firmware").ToList() ?? [];
        if (scenario.Expectations.DetectionWithin is { } sumoWithin && scenario.Mobility.Kind == MobilityKind.Sumo)
        {
            static bool Within(SumoAttackFigures t, TimeSpan limit) => t.ReceiversInRange > 0 && (t.DelaysMs ?? []).Count == t.ReceiversInRange
                && (t.DelaysMs ?? []).All(ms => ms <= limit.TotalMilliseconds);
            outcomes.Add(new ScenarioOutcome("detectionWithin", tampers.Count > 0 && tampers.All(t => Within(t, sumoWithin)), tampers.Count == 0 ? "no tamper ran" : string.Create(c,
                $"within {sumoWithin.TotalSeconds} s at every receiver in range: ")
                + string.Join("; ", tampers.Select(t => string.Create(c,
                    $"{t.Attack} {(t.DelaysMs ?? []).Count} of {t.ReceiversInRange} detected{(t.Delays is { } d ? $", the last after {d.Last / 1000:0.00} s" : "")}")))));
        }
        else if (scenario.Expectations.DetectionWithin is { } within)
        {
            var late = demo?.Detection.Where(d => d.DelayMs is not { } ms || ms > within.TotalMilliseconds).ToList();
            outcomes.Add(new ScenarioOutcome("detectionWithin", demo is not null && demo.Detection.Count > 0 && late!.Count == 0, demo is null ? "no demo summary" : string.Create(c,
                $"within {within.TotalSeconds} s at every receiver: {string.Join(", ", demo.Detection.Select(d => $"{d.Receiver} {(d.DelayMs is { } ms ? $"{ms / 1000:0.00} s" : "never")}"))}")));
        }

        if (scenario.Expectations.ReplaysAccepted is { } most)
        {
            var replay = attacks?.FirstOrDefault(a => a.Attack == "replay");
            var accepted = scenario.Mobility.Kind == MobilityKind.Sumo ? replay?.Accepted : demo?.Replays.AtReceivers.Sum(r => (long)r.Accepted);
            outcomes.Add(new ScenarioOutcome("replaysAccepted", accepted <= most, string.Create(c, $"{(accepted is { } a ? a.ToString(c) : "no")} replays accepted (at most {most})")));
        }

        if (scenario.Expectations.FloodInTimeAtLeast is { } share)
        {
            // SUMO's floods: the lowest share of any flood, at the receivers in its range.
            var floods = attacks?.Where(a => a.Flood is not null).Select(a => a.Flood!.InTimeShare).ToList() ?? [];
            double? inTime = scenario.Mobility.Kind == MobilityKind.Sumo ? (floods.Count > 0 ? floods.Min() : null) : flood?.InTimeShare;
            outcomes.Add(new ScenarioOutcome("floodInTimeAtLeast", inTime >= share,
                string.Create(c, $"{(inTime is { } r ? r.ToString("P1", c) : "no flood run")} of the genuine frames decided within 100 ms{(scenario.Mobility.Kind == MobilityKind.Sumo ? " at the receivers in the flooders' range" : "")} (at least {share:P0})")));
        }

        return outcomes;
    }
}
