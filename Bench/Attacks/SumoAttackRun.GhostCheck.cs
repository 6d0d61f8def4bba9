using System.Globalization;
using Bench.Demo;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Receiving;
using PkiProtocol.Misbehaviour;

namespace Bench.Attacks;

/// <summary>The ghost vehicle's figures and expectation (<c>ghost-revoked</c>), from the route's ghost summary.</summary>
public sealed partial class SumoAttackRun
{
    /// <summary>The name of the ghost's expectation in a SUMO run (Bench.Scenarios.Files.ExpectationIds: <c>ghost-revoked</c>).</summary>
    public static string GhostCheck(string vehicle) => string.Create(CultureInfo.InvariantCulture,
        $"ghost vehicle: the ghost riding with vehicle {vehicle} (false CAMs at {GhostStation.ClaimedSpeed:0} m/s) is found by every OBU that heard it, reported, revoked by the misbehaviour authority, then rejected as Revoked by every OBU that hears it after a CRL refresh");

    // The route's ghost summary (BenchDemo.Ghost: the authority's side; SummaryBuilder.GhostAt: each receiver's) over the
    // receivers that decided a frame of it. Every receiver that accepted one must have found it; the authority must have
    // revoked it; every receiver deciding a frame of it later than a CRL refresh period and a CAM interval after the
    // revocation must refuse it as Revoked and never accept it again (one that heard it only before has nothing to refuse).
    private (SumoAttackFigures, Expectation) GhostFigures(SumoAttack attack, IReadOnlyList<LedgerEntry> entries)
    {
        var c = CultureInfo.InvariantCulture;
        var name = GhostCheck(attack.Vehicle);
        GhostStation? station;
        Started? started;
        lock (_lock)
        {
            station = _ghosts.TryGetValue(attack, out var ride) ? ride.Station : null;
            started = _started.GetValueOrDefault(attack);
        }

        if (station?.FirstSentAt is not { } first || _run.Pki is not { } pki)
        {
            return (new SumoAttackFigures("ghost-vehicle", attack.Vehicle, station?.Name, null, Sent: station?.Sent ?? 0),
                new Expectation(name, false, $"no ghost went on the air with vehicle {attack.Vehicle} (it was not on the road from {attack.At.TotalSeconds.ToString(c)} s, or the ghost could not enrol)"));
        }

        var decided = entries.Where(e => e.Kind == SenderKind.Ghost && e.Sender == station.Name).ToList();
        var receivers = decided.Select(e => e.Receiver).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var ghost = SummaryBuilder.GhostAt(entries, _run.Ledger.Findings(), receivers, BenchDemo.Ghost(pki, station, null));
        // The PKI's store keeps times to the millisecond, truncated (PkiStore.Ms): a report received within the first CAM's
        // millisecond reads up to 1 ms before it. Nothing can come before the first CAM, so such a time is 0.
        double? After(DateTimeOffset? at) => at is { } a ? Math.Max(0, Math.Round((a - first).TotalMilliseconds)) : null;
        var firstReport = pki.Pki.Context.Store.GetObservations().Where(o => o.Kind == MisbehaviourKind.Observation && o.SubjectStation == station.Name)
            .Select(o => (DateTimeOffset?)o.ReceivedAt).Min();
        var heard = ghost.AtReceivers.Where(r => r.Accepted > 0).ToList();
        var unfound = heard.Where(r => r.FirstFoundAfterMs is null).Select(r => r.Receiver).ToList();
        var deadline = ghost.RevokedAt + (_run.CrlRefreshPeriod ?? TimeSpan.FromMinutes(5)) + TimeSpan.FromSeconds(1);
        var mustRefuse = deadline is { } d ? decided.Where(e => e.DecidedAt > d).Select(e => e.Receiver).ToHashSet(StringComparer.Ordinal) : [];
        var notRefused = ghost.AtReceivers.Where(r => mustRefuse.Contains(r.Receiver) && (r.FirstRevokedAfterMs is null || r.AcceptedAfterRevoked > 0)).ToList();
        var lateAccepted = deadline is { } dl ? decided.Count(e => e.Outcome == ReceiveOutcome.Accepted && e.DecidedAt > dl) : 0;
        var refusedAt = ghost.AtReceivers.Where(r => r.FirstRevokedAfterMs is not null).Select(r => r.FirstRevokedAfterMs!.Value).ToList();
        var g = new SumoGhostFigures(station.Name, ghost.AtReceivers.Count(r => r.FirstFoundAfterMs is not null), ghost.Reporters.Count,
                ghost.AtReceivers.Select(r => r.FirstFoundAfterMs).Where(x => x is not null).Min(), After(firstReport), After(ghost.RevokedAt),
                mustRefuse.Count > 0 && notRefused.Count == 0 && refusedAt.Count > 0 ? refusedAt.Max() : null,
                decided.Count(e => e.Outcome == ReceiveOutcome.Rejected && e.Reason == ReceiveReason.Revoked), lateAccepted);
        var figures = new SumoAttackFigures("ghost-vehicle", attack.Vehicle, station.Name, ((started?.At ?? first) - _run.Start).TotalSeconds, heard.Count,
            Sent: station.Sent, Refused: decided.Count(e => e.Outcome == ReceiveOutcome.Rejected), Accepted: decided.Count(e => e.Outcome == ReceiveOutcome.Accepted), Ghost: g);
        var passed = heard.Count > 0 && unfound.Count == 0 && ghost.RevokedAt is not null && mustRefuse.Count > 0 && notRefused.Count == 0 && lateAccepted == 0;
        var detail = heard.Count == 0
            ? string.Create(c, $"{station.Sent} false CAMs sent, but no OBU accepted one (none in range of vehicle {attack.Vehicle})")
            : unfound.Count > 0
                ? $"heard but not found by the local detection at: {string.Join(", ", unfound)}"
                : ghost.RevokedAt is null
                    ? string.Create(c, $"not revoked: heard by {heard.Count} OBUs, {ghost.Reports} report(s) about it counted from {ghost.Reporters.Count} station(s), {station.Sent} CAMs sent")
                    : mustRefuse.Count == 0
                        ? string.Create(c, $"revoked {After(ghost.RevokedAt):0} ms after its first false CAM, but no OBU heard it later than a CRL refresh period after: the refusal was not seen")
                        : notRefused.Count > 0 || lateAccepted > 0
                            ? string.Create(c, $"{lateAccepted} of its frames accepted later than a CRL refresh after the revocation; not refused as Revoked (or accepted again) at: {string.Join(", ", notRefused.Select(r => $"{r.Receiver} ({r.AcceptedAfterRevoked} accepted after)"))}")
                            : string.Create(c, $"{station.Sent} false CAMs; heard by {heard.Count} OBUs, each found it (first after {g.FirstFoundAfterMs:0} ms); {ghost.Reports} reports from {ghost.Reporters.Count} stations (first at the authority after {g.FirstReportAfterMs:0} ms); revoked after {g.RevokedAfterMs:0} ms; refused as Revoked by the {mustRefuse.Count} OBUs that heard it after a CRL refresh, the last from {g.LastRefusedAfterMs:0} ms");
        return (figures, new Expectation(name, passed, detail));
    }
}
