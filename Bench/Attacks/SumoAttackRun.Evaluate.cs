using System.Globalization;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;

namespace Bench.Attacks;

/// <summary>Each attack's figures and expectation, from the receivers' decisions.</summary>
public sealed partial class SumoAttackRun
{
    /// <summary>The figures of every attack, in the file's order, and one expectation per attack.</summary>
    public (IReadOnlyList<SumoAttackFigures> Figures, IReadOnlyList<Expectation> Expectations) Evaluate(IReadOnlyList<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var figures = new List<SumoAttackFigures>();
        var expectations = new List<Expectation>();
        foreach (var attack in _attacks)
        {
            Started? started;
            long sent;
            lock (_lock)
            {
                started = _started.GetValueOrDefault(attack);
                sent = _replayers.TryGetValue(attack, out var r) ? r.ExactSent + r.AlteredSent : 0;
            }

            (ReflectionStation Station, Victim Victim)? reflector;
            lock (_lock)
            {
                reflector = _reflectors.TryGetValue(attack, out var r) ? r : null;
            }

            if (attack.Kind == SumoAttackKind.CompromisedIdfModel)
            {
                var (mf, me) = ModelFigures(attack, entries);
                figures.Add(mf);
                expectations.AddRange(me);
                continue;
            }

            var (f, e) = attack.Kind switch
            {
                SumoAttackKind.RogueProcess or SumoAttackKind.TamperedFirmware => TamperFigures(attack, started, entries),
                SumoAttackKind.Replay => ReplayFigures(attack, started, sent, entries),
                SumoAttackKind.GhostVehicle => GhostFigures(attack, entries),
                SumoAttackKind.PostureCritical => PostureFigures(attack, started, entries),
                SumoAttackKind.ForgedSignatureFlood or SumoAttackKind.ValidTicketFlood => FloodFigures(attack, started, entries),
                _ => reflector is { } x
                    ? x.Station.Evaluate(entries, x.Victim.Name, attack.Vehicle, started is null ? null : (started.At - _run.Start).TotalSeconds)
                    : ReflectionStation.Evaluate(entries, null, attack.Vehicle, null, 0),
            };
            figures.Add(f);
            expectations.Add(e);
        }

        expectations.AddRange(FloodLoadChecks(_attacks, figures));
        return (figures, expectations);
    }

    /// <summary>
    /// The name of a tamper's expectation (Bench.Scenarios.Files.ExpectationIds: <c>tamper-detected</c> for a rogue process,
    /// <c>firmware-tamper-detected</c> for tampered firmware, whose compromise the receivers discard: Docs/trust-decisions.md, row 4).
    /// </summary>
    public static string TamperCheck(string vehicle, TimeSpan period, TamperFault fault = TamperFault.RogueProcess) => fault == TamperFault.TamperedFirmware
        ? string.Create(CultureInfo.InvariantCulture,
            $"firmware tamper: the messages of the OBU in vehicle {vehicle} move from Act to Discard at every receiver in range within one detection period ({period.TotalSeconds:0.#} s) and stay there")
        : string.Create(CultureInfo.InvariantCulture,
            $"tamper: the messages of the OBU in vehicle {vehicle} move from Act to a mitigation decision at every receiver in range within one detection period ({period.TotalSeconds:0.#} s)");

    /// <summary>The name of a replay's expectation (Bench.Scenarios.Files.ExpectationIds: <c>replays-rejected</c>).</summary>
    public static string ReplayCheck(string vehicle) =>
        $"no replayed frame is accepted altered or twice by a receiver (the attacker riding with vehicle {vehicle}; relays of frames a receiver missed are counted)";

    // Receivers in range: those that accepted a message of the tampered OBU carrying its latched anomaly within one detection
    // period of the tamper (a receiver that heard only its messages from before the anomaly's scan, then lost it on the
    // range's loss ramp or drove away, had nothing to detect). Each must decide it below Act within the period (tampered
    // firmware: Discard); no receiver may act on it fully later than that (tampered firmware: decide it anything but Discard).
    private (SumoAttackFigures, Expectation) TamperFigures(SumoAttack attack, Started? started, IReadOnlyList<LedgerEntry> entries)
    {
        var c = CultureInfo.InvariantCulture;
        var period = _run.DetectionPeriod;
        var fault = Fault(attack.Kind)!.Value;
        var file = TamperFaults.Name(fault);
        var firmware = fault == TamperFault.TamperedFirmware;
        var name = TamperCheck(attack.Vehicle, period, fault);
        if (started is null)
        {
            return (new SumoAttackFigures(file, attack.Vehicle, null, null),
                new Expectation(name, false, string.Create(c, $"no OBU was on the air in vehicle {attack.Vehicle} at {attack.At.TotalSeconds} s: nothing was tampered")));
        }

        var t = started.At;
        var after = entries.Where(e => e.Sender == started.Station && e.Receiver != started.Station && e.Kind == SenderKind.Obu && e.Outcome == ReceiveOutcome.Accepted
            && e.ReceivedAt >= t).ToList();
        var inRange = after.Where(e => e.ReceivedAt <= t + period && e.ReportLevel is { } level && level != V2x.Integrity.IntegrityLevel.NoAnomaly)
            .Select(e => e.Receiver).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var firsts = inRange.Select(r => (Receiver: r, First: after.Where(e => e.Receiver == r && (firmware ? e.Decision == TrustDecision.Discard : e.IsMitigation))
            .Select(e => (DateTimeOffset?)e.DecidedAt).Min())).ToList();
        var delays = firsts.Where(x => x.First is not null).Select(x => Math.Round((x.First!.Value - t).TotalMilliseconds)).Order().ToList();
        var slow = firsts.Where(x => x.First is not { } at || at - t > period).Select(x => x.Receiver).ToList();
        var late = after.Count(e => (firmware ? e.Decision != TrustDecision.Discard : e.Decision == TrustDecision.Act) && e.ReceivedAt > t + period);
        var figures = new SumoAttackFigures(file, attack.Vehicle, started.Station, (t - _run.Start).TotalSeconds, inRange.Count, delays, late);
        var passed = inRange.Count > 0 && slow.Count == 0 && late == 0;
        var detail = inRange.Count == 0
            ? string.Create(c, $"{started.Station} tampered at {(t - _run.Start).TotalSeconds:0.0} s, but no receiver accepted a message of it carrying the anomaly within {period.TotalSeconds:0.#} s after (none in range)")
            : string.Create(c, $"{started.Station} tampered at {(t - _run.Start).TotalSeconds:0.0} s; {inRange.Count} receivers in range, {delays.Count} {(firmware ? "discarded" : "downgraded")} it")
              + (figures.Delays is { } d ? string.Create(c, $" after {d.First / 1000:0.00} s (first), {d.Median / 1000:0.00} s (median), {d.Last / 1000:0.00} s (last)") : "")
              + (slow.Count > 0 ? $"; not within the period: {string.Join(", ", slow)}" : "")
              + string.Create(c, $"; {late} of its messages {(firmware ? "not discarded" : "acted on")} later than the period");
        return (figures, new Expectation(name, passed, detail));
    }

    // Every frame the attacker sent, at every receiver that decided it. Replay protection holds when no receiver accepted
    // an altered copy or a message twice (AcceptedCopies); exact copies of messages a receiver missed (relays) are counted.
    private (SumoAttackFigures, Expectation) ReplayFigures(SumoAttack attack, Started? started, long sent, IReadOnlyList<LedgerEntry> entries)
    {
        var c = CultureInfo.InvariantCulture;
        var name = ReplayCheck(attack.Vehicle);
        var decided = entries.Where(e => e.Kind is SenderKind.ExactReplay or SenderKind.AlteredReplay && e.Sender == "attacker").ToList();
        var refused = decided.Count(e => e.Outcome == ReceiveOutcome.Rejected);
        var accepted = decided.Count - refused;
        var copies = AcceptedCopies.Of(decided, entries);
        var figures = new SumoAttackFigures("replay", attack.Vehicle, started?.Station, started is null ? null : (started.At - _run.Start).TotalSeconds,
            Sent: sent, Refused: refused, Accepted: accepted, Relayed: copies.Relayed);
        if (started is null)
        {
            return (figures, new Expectation(name, false, $"vehicle {attack.Vehicle} was not on the road during the attack: no attacker went on the air"));
        }

        var reasons = string.Join(", ", decided.Where(e => e.Outcome == ReceiveOutcome.Rejected).GroupBy(e => e.Reason).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        return (figures, new Expectation(name, sent > 0 && decided.Count > 0 && copies.Held, string.Create(c,
            $"{sent} replays sent; at the receivers {decided.Count} decided, {refused} refused ({(reasons.Length > 0 ? reasons : "none")}), {accepted} accepted ({copies})")));
    }
}
