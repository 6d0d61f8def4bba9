using System.Globalization;
using Pki.Authorities;
using Pki.Store;
using PkiProtocol;
using PkiProtocol.Audit;
using PkiProtocol.Misbehaviour;

namespace Pki.Misbehaviour;

/// <summary>
/// The misbehaviour authority's global detection (patent fig. 3: device-based detection feeding revocation; ¶164-168):
/// counts the reports it took per subject station and per IDF implementation version, and above the thresholds of
/// <see cref="PkiOptions"/> within their windows asks for a revocation through the existing path
/// (<see cref="Revocations"/>): station-wide when enough distinct reporting stations observed one station's tickets
/// misbehave; model-wide when enough distinct stations of one implementation version were reported for revocation or
/// reported their own anomaly or compromise. A request is carried out at once, or waits for an investigator's
/// confirmation when <see cref="PkiOptions.ConfirmRevocations"/> is set. One request per target (a declined one may be
/// asked again). Runs inside the authority's operation and transaction.
/// </summary>
public sealed class GlobalDetection
{
    private readonly PkiContext _context;
    private readonly Revocations _revocations;

    internal GlobalDetection(PkiContext context, Revocations revocations)
    {
        _context = context;
        _revocations = revocations;
    }

    /// <summary>Every revocation request, oldest first.</summary>
    public IReadOnlyList<RevocationRequest> Requests => _context.Store.GetRevocationRequests();

    /// <summary>Carries out a pending request (an investigator's confirmation); returns what was done.</summary>
    /// <exception cref="ArgumentException">No pending request with that id.</exception>
    public string Confirm(long id)
    {
        lock (_context.Operation)
        {
            var request = Pending(id);
            using var tx = _context.Store.Begin();
            var action = CarryOut(tx, request);
            tx.Commit();
            return $"request {id} confirmed: {action}";
        }
    }

    /// <summary>Declines a pending request; nothing is revoked.</summary>
    /// <exception cref="ArgumentException">No pending request with that id.</exception>
    public string Decline(long id, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_context.Operation)
        {
            var request = Pending(id);
            using var tx = _context.Store.Begin();
            tx.DecideRevocationRequest(request.Id, RevocationRequestState.Declined, _context.NowUtc, $"declined: {reason}");
            tx.Commit();
            return $"request {id} declined ({reason})";
        }
    }

    internal bool Count(PkiTransaction tx, ObservationRecord record, byte[] reportDigest) => tx.AddObservation(record, reportDigest);

    // Station-wide: distinct reporting stations about this station's tickets within the observation window.
    internal string EvaluateStation(PkiTransaction tx, string station)
    {
        var options = _context.Options;
        var reporters = _context.Store.GetObservationsAbout(station, _context.NowUtc - options.ObservationWindow)
            .Where(o => o.Kind == MisbehaviourKind.Observation).Select(o => o.ReporterStation).Distinct(StringComparer.Ordinal).Count();
        if (reporters < options.ObservationThreshold)
        {
            return string.Create(CultureInfo.InvariantCulture, $"; {reporters} of {options.ObservationThreshold} reporting stations within {options.ObservationWindow.TotalMinutes:0} min");
        }

        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{reporters} stations observed its tickets misbehave within {options.ObservationWindow.TotalMinutes:0} min (threshold {options.ObservationThreshold})");
        return Request(tx, RevocationScope.Station, station, reason) + EvaluateImplementation(tx, station);
    }

    // Model-wide: distinct stations of this station's IDF implementation version reported for revocation, or reporting their own anomaly or compromise.
    internal string EvaluateImplementation(PkiTransaction tx, string station)
    {
        if (_context.Store.GetStation(station)?.Idf is not { } idf)
        {
            return string.Empty;
        }

        var options = _context.Options;
        var since = _context.NowUtc - options.ImplementationWindow;
        var flagged = _context.Store.GetObservationsAbout(idf, since)
            .Where(o => o.Kind is MisbehaviourKind.IdfAnomaly or MisbehaviourKind.IdfCompromise && o.SubjectStation is not null)
            .Select(o => o.SubjectStation!)
            .Concat(_context.Store.GetRevocationRequests()
                .Where(r => r.Scope == RevocationScope.Station && r.State != RevocationRequestState.Declined && r.CreatedAt >= since
                    && _context.Store.GetStation(r.Target)?.Idf == idf)
                .Select(r => r.Target))
            .Distinct(StringComparer.Ordinal).Count();
        if (flagged < options.ImplementationThreshold)
        {
            return string.Empty;
        }

        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{flagged} stations running {idf.Model} {idf.Version} flagged within {options.ImplementationWindow.TotalHours:0} h (threshold {options.ImplementationThreshold})");
        return Request(tx, RevocationScope.Implementation, $"{idf.Model}@{idf.Version}", reason);
    }

    private string Request(PkiTransaction tx, RevocationScope scope, string target, string reason)
    {
        if (_context.Store.GetRevocationRequests().Any(r => r.Scope == scope && r.Target == target && r.State != RevocationRequestState.Declined))
        {
            return $"; revocation of {scope.ToString().ToLowerInvariant()} {target} already requested";
        }

        var id = tx.AddRevocationRequest(_context.NowUtc, scope, target, reason);
        if (_context.Options.ConfirmRevocations)
        {
            return $"; revocation of {scope.ToString().ToLowerInvariant()} {target} requested (#{id}, waiting for an investigator: {reason})";
        }

        var request = new RevocationRequest(id, _context.NowUtc, scope, target, reason, RevocationRequestState.Pending, null, null);
        return $"; revocation #{id}: {CarryOut(tx, request)}";
    }

    private string CarryOut(PkiTransaction tx, RevocationRequest request)
    {
        string action;
        if (request.Scope == RevocationScope.Station)
        {
            action = _revocations.RevokeStation(tx, request.Target, $"global detection: {request.Reason}");
        }
        else
        {
            var at = request.Target.LastIndexOf('@');
            var model = request.Target[..at];
            var slash = model.IndexOf('/', StringComparison.Ordinal);
            var version = request.Target[(at + 1)..];
            action = _revocations.RevokeImplementation(tx, model[..slash], model[(slash + 1)..], new VersionRange(version, version), _context.Options.ImplementationLowerTo,
                $"global detection: {request.Reason}");
        }

        tx.DecideRevocationRequest(request.Id, RevocationRequestState.Done, _context.NowUtc, action);
        return action;
    }

    private RevocationRequest Pending(long id) =>
        _context.Store.GetRevocationRequests().FirstOrDefault(r => r.Id == id && r.State == RevocationRequestState.Pending)
            ?? throw new ArgumentException($"no pending revocation request {id}", nameof(id));
}
