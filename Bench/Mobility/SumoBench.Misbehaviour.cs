using System.Globalization;
using Bench.Demo;
using Bench.Reporting;
using Bench.Stations;
using PkiProtocol.Misbehaviour;

namespace Bench.Mobility;

/// <summary>
/// The misbehaviour loop of a SUMO run: every OBU's local detection (TS 103 759 observations, Docs/misbehaviour.md)
/// records its findings in the ledger and reports them, signed and encrypted, through its own misbehaviour queue to
/// the bench PKI's misbehaviour authority, as on the built-in route. Besides the ghost's and a compromised model's stations, none of it may be
/// about a genuine vehicle: a false report from 100 OBUs' detection is a failure of the run.
/// </summary>
public sealed partial class SumoBench
{
    // An OBU's findings in the ledger (its queue file and the reporter's interval are set where it is built).
    private static void ReportFindings(BenchObu obu, DecisionLedger ledger) =>
        obu.Node.Misbehaviour.Found += finding => ledger.RecordFinding(obu.Name, finding);

    // The stations the misbehaviour authority revoked because their own IDF reported a compromise (a tampered firmware:
    // MisbehaviourAuthority revokes such a station at once, patent ¶164-167): their CAMs are then refused as Revoked.
    internal static HashSet<string> RevokedForOwnCompromise(DemoPki pki)
    {
        var store = pki.Pki.Context.Store;
        var reported = store.GetObservations().Where(o => o.Kind == MisbehaviourKind.IdfCompromise && o.SubjectStation is not null)
            .Select(o => o.SubjectStation!).ToHashSet(StringComparer.Ordinal);
        return store.GetStations().Where(s => s.BlockedAt is not null && reported.Contains(s.StationId)).Select(s => s.StationId).ToHashSet(StringComparer.Ordinal);
    }

    // The check: no finding, observation report, revocation request or revoked station about any station of the run,
    // but for the stations revoked for their own reported compromise, the scenario's ghost stations (<paramref name="ghosts"/>:
    // found, reported and revoked as the attack means them to be) and a compromised IDF model's stations (<paramref name="model"/>:
    // revoked by the model-wide rule, <paramref name="modelTarget"/>, on their own reports, and requested on them); a finding
    // about a genuine vehicle, the model's included, still fails it.
    internal static Expectation NoGenuineReported(DecisionLedger ledger, DemoPki pki, IReadOnlySet<string>? ghosts = null, IReadOnlySet<string>? model = null, string? modelTarget = null)
    {
        ghosts ??= new HashSet<string>(StringComparer.Ordinal);
        model ??= new HashSet<string>(StringComparer.Ordinal);
        var findings = ledger.Findings().Where(f => !(f.Kind == SenderKind.Ghost && ghosts.Contains(f.Subject))).ToList();
        var store = pki.Pki.Context.Store;
        var observations = store.GetObservations().Where(o => o.Kind == MisbehaviourKind.Observation && !(o.SubjectStation is { } s && ghosts.Contains(s))).ToList();
        var requests = pki.Pki.Ma.Detection.Requests.Where(r => !(r.Scope == Pki.Store.RevocationScope.Station && (ghosts.Contains(r.Target) || model.Contains(r.Target)))
            && !(r.Scope == Pki.Store.RevocationScope.Implementation && r.Target == modelTarget)).ToList();
        var own = RevokedForOwnCompromise(pki);
        var blocked = store.GetStations().Where(s => s.BlockedAt is not null && !own.Contains(s.StationId) && !ghosts.Contains(s.StationId) && !model.Contains(s.StationId))
            .Select(s => $"{s.StationId} ({s.BlockReason})").ToList();
        var c = CultureInfo.InvariantCulture;
        var clean = findings.Count == 0 && observations.Count == 0 && requests.Count == 0 && blocked.Count == 0;
        var ownText = (own.Count == 0 ? string.Empty : $"; revoked for their own reported compromise (expected): {string.Join(", ", own.Order(StringComparer.Ordinal))}")
            + (ghosts.Count == 0 ? string.Empty : $"; the ghost ({string.Join(", ", ghosts.Order(StringComparer.Ordinal))}) is the attack's, not counted")
            + (model.Count == 0 ? string.Empty : $"; the compromised model's stations ({string.Join(", ", model.Order(StringComparer.Ordinal))}), revoked with {modelTarget}, are the attack's, not counted");
        var detail = clean
            ? "the receivers' detection found nothing about any OBU or the legacy station; no observation reported, no revocation requested" + ownText
            : string.Join("; ", new[]
            {
                findings.Count == 0 ? null : string.Create(c, $"{findings.Count} findings, e.g. {findings[0].Receiver} about {findings[0].Subject}: {findings[0].Observation} ({findings[0].Detail})"),
                observations.Count == 0 ? null : string.Create(c, $"{observations.Count} observations reported, about {string.Join(", ", observations.Select(o => o.SubjectStation ?? o.SubjectTicket?.ToString() ?? "?").Distinct(StringComparer.Ordinal))}"),
                requests.Count == 0 ? null : $"revocations requested: {string.Join(", ", requests.Select(r => $"{r.Scope} {r.Target} {r.State}"))}",
                blocked.Count == 0 ? null : $"stations revoked: {string.Join(", ", blocked)}",
            }.OfType<string>()) + ownText;
        return new Expectation("no genuine station is found by the receivers' misbehaviour detection, reported or revoked", clean, detail);
    }
}
