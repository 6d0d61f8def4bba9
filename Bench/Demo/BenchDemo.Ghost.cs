using System.Globalization;
using Bench.Reporting;
using Bench.Stations;
using Hardware.Positioning;
using Pki.Store;

namespace Bench.Demo;

public sealed partial class BenchDemo
{
    // What the misbehaviour authority made of the ghost: reports counted and their reporters, its station revoked; and any
    // report or revocation about another station (the receivers' side comes from the ledger).
    internal static GhostSummary Ghost(DemoPki pki, GhostStation ghost, string? compromisedModel)
    {
        var requests = pki.Pki.Ma.Detection.Requests;
        var revoked = requests.FirstOrDefault(r => r.Scope == RevocationScope.Station && r.Target == ghost.Name && r.State == RevocationRequestState.Done);
        var observations = pki.Pki.Context.Store.GetObservations().Where(o => o.Kind == PkiProtocol.Misbehaviour.MisbehaviourKind.Observation).ToList();
        var about = observations.Where(o => o.SubjectStation == ghost.Name).ToList();
        var others = observations.Where(o => o.SubjectStation != ghost.Name)
            .GroupBy(o => o.SubjectStation ?? o.SubjectTicket?.ToString() ?? "?", StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ×{g.Count()} (from {string.Join(", ", g.Select(o => o.ReporterStation).Distinct(StringComparer.Ordinal))}: {string.Join("; ", g.Select(o => o.Classes).Distinct(StringComparer.Ordinal))})"))
            .ToList();
        // A scenario's compromised model is revoked on purpose (its own checks): not a genuine station's revocation.
        var otherRequests = requests.Where(r => !(r.Scope == RevocationScope.Station && r.Target == ghost.Name) && !(r.Scope == RevocationScope.Implementation && r.Target == compromisedModel))
            .Select(r => $"{r.Scope} {r.Target} {r.State}").ToList();
        return new GhostSummary(ghost.Name, ghost.Sent, ghost.FirstSentAt, about.Count, [.. about.Select(o => o.ReporterStation).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            revoked?.DecidedAt ?? revoked?.CreatedAt, others, otherRequests, []);
    }

    // The ghost's claimed place: the middle of the Munich block (about 150 m from each of its streets).
    private static Waypoint GhostPlace { get; } = new(SimulatedRoute.MunichBlock.Average(w => w.LatitudeDegrees), SimulatedRoute.MunichBlock.Average(w => w.LongitudeDegrees), 0);
}
