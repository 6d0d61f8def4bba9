using System.Globalization;
using Bench.Demo;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using V2x.Integrity;

namespace Bench.Attacks;

/// <summary>
/// A posture turning critical in a SUMO run (issue 14 Build 8's posture phase, Docs/posture.md): the SUMO bench starts the
/// demo's posture server (<see cref="DemoPosture"/>) and every OBU polls it; the OBU in the target vehicle runs the
/// outdated library (<see cref="Installed"/>); at the attack's time the server imports the advisory (<see cref="PostureWatch"/>),
/// the OBU's next poll answers critical and its reports carry the critical grade.
/// </summary>
public sealed partial class SumoAttackRun
{
    private DemoPosture? _posture;
    private TimeSpan _postureDetection;
    private readonly Dictionary<SumoAttack, PostureWatch> _postureWatches = [];

    /// <summary>The run has a posture turning critical, so its OBUs poll a posture server.</summary>
    public static bool NeedsPosture(IReadOnlyList<SumoAttack> attacks) => attacks?.Any(a => a.Kind == SumoAttackKind.PostureCritical) == true;

    /// <summary>
    /// The longest the receivers may take from the advisory to acting on the critical grade with OBUs polling every
    /// <paramref name="pollPeriod"/>: the period, 1 s for the poll itself, and T_GenCamMax (1 s, EN 302 637-2 §6.1.3), as <see cref="DemoPosture.DetectionPeriod"/>.
    /// </summary>
    public static TimeSpan PostureDetectionPeriod(TimeSpan pollPeriod) => pollPeriod + TimeSpan.FromSeconds(2);

    /// <summary>What the OBU in <paramref name="vehicle"/> has installed: the outdated library in a posture attack's target, the current one elsewhere.</summary>
    internal IReadOnlyList<Hardware.Inventory.SoftwareComponent> Installed(string vehicle) =>
        [_attacks.Any(a => a.Kind == SumoAttackKind.PostureCritical && a.Vehicle == vehicle) ? DemoPosture.OutdatedLibrary : DemoPosture.CurrentLibrary];

    /// <summary>The posture server the OBUs poll every <paramref name="pollPeriod"/>: each posture attack's advisory is scheduled on the run's clock.</summary>
    internal void UsePosture(DemoPosture posture, TimeSpan pollPeriod)
    {
        ArgumentNullException.ThrowIfNull(posture);
        _posture = posture;
        _postureDetection = PostureDetectionPeriod(pollPeriod);
        foreach (var attack in _attacks.Where(a => a.Kind == SumoAttackKind.PostureCritical))
        {
            var due = _run.Start + attack.At - _run.Clock.GetUtcNow();
            _timers.Add(_run.Clock.CreateTimer(_ => Advise(attack), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>An OBU was built in <paramref name="vehicle"/> (before it starts polling): a posture attack's target, and an OBU of a compromised model, is watched from then on.</summary>
    internal void Built(BenchObu obu, string vehicle)
    {
        ArgumentNullException.ThrowIfNull(obu);
        BuiltModel(obu, vehicle);
        foreach (var attack in _attacks.Where(a => a.Kind == SumoAttackKind.PostureCritical && a.Vehicle == vehicle))
        {
            lock (_lock)
            {
                if (!_stopped)
                {
                    _postureWatches[attack] = new PostureWatch(obu, _run.Clock);
                }
            }
        }
    }

    // The advisory, when the target's OBU is on the air (as a tamper: nothing happens to a vehicle without one).
    private void Advise(SumoAttack attack)
    {
        var now = _run.Clock.GetUtcNow();
        var at = (now - _run.Start).TotalSeconds;
        PostureWatch? watch;
        lock (_lock)
        {
            watch = _stopped ? null : _postureWatches.GetValueOrDefault(attack);
        }

        if (_posture is null || watch is null || _run.ObuOnAir(attack.Vehicle) is not { } obu)
        {
            _ = _run.Say(string.Create(CultureInfo.InvariantCulture, $"posture: no OBU on the air in vehicle {attack.Vehicle} at {at:0.0} s; no advisory published"));
            return;
        }

        var published = watch.Publish(_posture, now);
        lock (_lock)
        {
            _started[attack] = new Started(now, obu.Name);
        }

        _ = _run.Say(string.Create(CultureInfo.InvariantCulture,
            $"posture: the posture server imports {DemoPosture.AdvisorySource} at {at:0.0} s: {string.Join(", ", published)}; {obu.Name} in vehicle {attack.Vehicle} runs {DemoPosture.OutdatedLibrary.Name} {DemoPosture.OutdatedLibrary.Version} (the others {DemoPosture.CurrentLibrary.Version})"));
    }

    /// <summary>The name of a posture attack's expectation (Bench.Scenarios.Files.ExpectationIds: <c>posture-mitigated</c>, as the route's).</summary>
    public static string PostureCheck(string vehicle, TimeSpan period) => string.Create(CultureInfo.InvariantCulture,
        $"posture: the OBU in vehicle {vehicle} turns critical ({DemoPosture.OutdatedLibrary.Name} {DemoPosture.OutdatedLibrary.Version}); every receiver acts on it with caution (row P1) within {period.TotalSeconds:0.#} s of the advisory and never fully again (receivers in range)");

    // Receivers in range: those that accepted a frame of the OBU later than one detection period after the advisory. Every
    // such frame must carry the critical grade and be acted on with caution by row P1 (never Act); the OBU's poll must have
    // answered critical; no other OBU's frame graded critical or lowered by the posture rule (as the route's check).
    private (SumoAttackFigures, Expectation) PostureFigures(SumoAttack attack, Started? started, IReadOnlyList<LedgerEntry> entries)
    {
        var c = CultureInfo.InvariantCulture;
        var period = _postureDetection;
        var name = PostureCheck(attack.Vehicle, period);
        PostureWatch? watch;
        lock (_lock)
        {
            watch = _postureWatches.GetValueOrDefault(attack);
        }

        if (started is null || watch is null)
        {
            return (new SumoAttackFigures("posture-critical", attack.Vehicle, null, null),
                new Expectation(name, false, string.Create(c, $"no OBU was on the air in vehicle {attack.Vehicle} at {attack.At.TotalSeconds} s: no advisory was published")));
        }

        var summary = watch.Summary(period);
        var published = summary.PublishedAt!.Value;
        var bound = published + period;
        var mine = entries.Where(e => e.Sender == summary.Obu && e.Receiver != summary.Obu && e.Kind == SenderKind.Obu && e.Outcome == ReceiveOutcome.Accepted)
            .OrderBy(e => e.DecidedAt).ToList();
        var receivers = mine.Where(e => e.ReceivedAt > bound).Select(e => e.Receiver).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var at = receivers.Select(r =>
        {
            var heard = mine.Where(e => e.Receiver == r).ToList();
            var first = heard.FirstOrDefault(e => e.ReceivedAt >= published && e.PostureGrade == PostureSeverity.Critical);
            var late = heard.Where(e => e.ReceivedAt > bound && (e.PostureGrade != PostureSeverity.Critical || e.Decision == TrustDecision.Act || e.Posture != PostureRow.CriticalWeakness)).ToList();
            return new PostureAtReceiver(r, heard.Count(e => e.ReceivedAt < published && e.Decision == TrustDecision.Act),
                first is null ? null : Math.Round((first.ReceivedAt - published).TotalMilliseconds), first?.Decision, first?.Posture, late.Count,
                heard.Count(e => e.ReceivedAt >= published && e.Posture != PostureRow.None));
        }).ToList();
        var others = entries.Where(e => e.Kind == SenderKind.Obu && e.Sender != summary.Obu && e.Outcome == ReceiveOutcome.Accepted
                && (e.PostureGrade == PostureSeverity.Critical || e.Posture != PostureRow.None))
            .GroupBy(e => $"{e.Receiver}←{e.Sender}", StringComparer.Ordinal).Select(g => string.Create(c, $"{g.Key} ×{g.Count()}")).ToList();
        summary = summary with { AtReceivers = at, Others = others };
        var polledInTime = summary.CriticalPollAfterMs is { } poll && poll <= (period - TimeSpan.FromSeconds(1)).TotalMilliseconds;
        // (A receiver that first heard the OBU after the bound, coming into range, has no earlier frame to time: every frame after the bound carrying the grade is the bound held.)
        var bad = at.Where(r => r.ActAfter > 0).ToList();
        var passed = summary.Advisory.Count > 0 && polledInTime && at.Count > 0 && bad.Count == 0 && others.Count == 0;
        var figures = new SumoAttackFigures("posture-critical", attack.Vehicle, started.Station, (started.At - _run.Start).TotalSeconds, at.Count, Posture: summary);
        var detail = summary.Advisory.Count == 0 ? "the advisory applied to nothing in the catalogue"
            : !polledInTime ? string.Create(c, $"{summary.Obu}'s poll did not answer critical within {(period - TimeSpan.FromSeconds(1)).TotalSeconds:0.#} s of the advisory ({(summary.CriticalPollAfterMs is { } p ? $"after {p:0} ms" : "never")})")
            : at.Count == 0 ? string.Create(c, $"no receiver accepted a frame of {summary.Obu} later than {period.TotalSeconds:0.#} s after the advisory (none in range)")
            : bad.Count > 0 ? "not as expected at: " + string.Join(", ", bad.Select(r => string.Create(c,
                $"{r.Receiver} ({(r.FirstCriticalAfterMs is { } f ? $"first critical frame after {f:0} ms" : "no frame with the critical grade")}, {r.ActAfter} frames after the bound not critical with caution by P1)")))
            : others.Count > 0 ? "other OBUs graded critical or lowered: " + string.Join(", ", others)
            : string.Create(c, $"{string.Join(", ", summary.Advisory)}; {summary.Obu}'s critical poll {summary.CriticalPollAfterMs:0} ms after the advisory; {at.Count} receivers in range, first critical frame after {at.Min(r => r.FirstCriticalAfterMs):0} ms (first), {at.Max(r => r.FirstCriticalAfterMs):0} ms (last), each acted on with caution (P1)");
        return (figures, new Expectation(name, passed, detail));
    }
}
