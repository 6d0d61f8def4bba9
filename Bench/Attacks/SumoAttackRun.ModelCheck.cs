using System.Globalization;
using System.Text.RegularExpressions;
using Bench.Reporting;
using Firmware.Application.Receiving;
using Pki.Store;
using PkiProtocol.Misbehaviour;

namespace Bench.Attacks;

/// <summary>The compromised IDF model's figures and its two expectations in SUMO form (<c>model-revoked</c>, <c>other-models-unaffected</c>).</summary>
public sealed partial class SumoAttackRun
{
    /// <summary>The name of the model's revocation check (Bench.Scenarios.Files.ExpectationIds: <c>model-revoked</c>).</summary>
    public static string ModelRevokedCheck(string model, int count) => string.Create(CultureInfo.InvariantCulture,
        $"compromised IDF model: {model}, exploited on {count} OBU(s) on the air, is revoked model-wide by the misbehaviour authority's global detection; every OBU of another model refuses its stations as Revoked after a CRL refresh, and its OBUs departing later get no ticket");

    /// <summary>The name of the other models' check (Bench.Scenarios.Files.ExpectationIds: <c>other-models-unaffected</c>).</summary>
    public const string OtherModelsCheck = "compromised IDF model: the OBUs of the other model(s) are not revoked and still accepted by the OBUs that hear them";

    // Receivers of other models deciding a frame of the model's stations later than the bound (the revocation, a CRL refresh
    // period and a CAM interval) must refuse it as Revoked and accept none; a station of the model silent by then (it found its
    // own ticket on the CRL and retired it, ¶167, or its vehicle left) has nothing to refuse. The exploited and the untouched
    // stations are counted apart. An OBU of the model built after the revocation must have been refused by the PKI.
    private (SumoAttackFigures, IReadOnlyList<Expectation>) ModelFigures(SumoAttack attack, IReadOnlyList<LedgerEntry> entries)
    {
        var c = CultureInfo.InvariantCulture;
        var name = ModelRevokedCheck(attack.Vehicle, attack.Count ?? 0);
        ModelExploit? exploit;
        Dictionary<string, (string Vehicle, DateTimeOffset At)> model;
        HashSet<string> refused;
        Dictionary<string, (DateTimeOffset At, int Retired, string? NewTicket)> retired;
        lock (_lock)
        {
            exploit = _exploits.GetValueOrDefault(attack);
            model = new(_modelObus, StringComparer.Ordinal);
            refused = [.. _modelRefused.Keys];
            retired = new(_modelRetired, StringComparer.Ordinal);
        }

        if (exploit is null || _run.Pki is not { } pki)
        {
            return (new SumoAttackFigures("compromised-idf-model", attack.Vehicle, null, null),
                [new Expectation(name, false, string.Create(c, $"nothing exploited: the run ended before {attack.At.TotalSeconds} s, or it had no PKI")), new Expectation(OtherModelsCheck, false, "no exploit, nothing to compare")]);
        }

        double After(DateTimeOffset at) => Math.Max(0, Math.Round((at - exploit.At).TotalMilliseconds));
        var store = pki.Pki.Context.Store;
        var target = ModelTarget!;
        var request = pki.Pki.Ma.Detection.Requests.FirstOrDefault(r => r.Scope == RevocationScope.Implementation && r.Target == target && r.State == RevocationRequestState.Done);
        var revokedAt = request?.DecidedAt;
        var reports = store.GetObservations().Where(o => o.Kind is MisbehaviourKind.IdfAnomaly or MisbehaviourKind.IdfCompromise && o.SubjectStation is { } s && model.ContainsKey(s))
            .GroupBy(o => o.SubjectStation!, StringComparer.Ordinal).Select(g => g.Min(o => o.ReceivedAt)).Order().ToList();
        var threshold = pki.Pki.Context.Options.ImplementationThreshold;
        var bound = revokedAt + (_run.CrlRefreshPeriod ?? TimeSpan.FromMinutes(5)) + TimeSpan.FromSeconds(1);
        var ofModel = entries.Where(e => e.Kind == SenderKind.Obu && model.ContainsKey(e.Sender) && !model.ContainsKey(e.Receiver)).ToList();
        var late = bound is { } b ? ofModel.Where(e => e.DecidedAt > b).ToList() : [];
        var acceptedLate = late.Count(e => e.Outcome == ReceiveOutcome.Accepted);
        var notRefused = late.Where(e => e.Outcome == ReceiveOutcome.Accepted).Select(e => e.Receiver).Distinct(StringComparer.Ordinal).ToList();
        var revokedAtReceivers = revokedAt is { } rv ? ofModel.Where(e => e.DecidedAt > rv && e.Outcome == ReceiveOutcome.Rejected && e.Reason == ReceiveReason.Revoked).ToList() : [];
        var receivers = revokedAtReceivers.GroupBy(e => e.Receiver, StringComparer.Ordinal).Select(g => g.Min(e => e.DecidedAt)).ToList();
        var refusedStations = revokedAtReceivers.Select(e => e.Sender).ToHashSet(StringComparer.Ordinal);
        var heardLate = late.Select(e => e.Sender).ToHashSet(StringComparer.Ordinal);
        // The model's stations on the air at the revocation: each refused as Revoked by a receiver of another model, or silent
        // after the bound (it retired its own revoked tickets, ¶167, or its vehicle left); none with a new ticket.
        var atRevocation = revokedAt is { } r1 ? model.Where(kv => kv.Value.At <= r1 && !refused.Contains(kv.Key)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList() : [];
        var uncovered = atRevocation.Where(s => !refusedStations.Contains(s) && heardLate.Contains(s)).ToList();
        var newTickets = retired.Where(kv => kv.Value.NewTicket is not null).Select(kv => kv.Key).ToList();
        var untouched = atRevocation.Where(s => !exploit.Exploited.Contains(s)).ToList();
        var lateOnAir = revokedAt is { } r0 ? model.Where(kv => kv.Value.At > r0 && !refused.Contains(kv.Key)).Select(kv => kv.Key).ToList() : [];
        var counts = request?.Action is { } action ? ActionCounts().Match(action) : null;
        var m = new SumoModelFigures(attack.Vehicle, exploit.Exploited, exploit.OnAir.Count, model.Count,
            reports.Count >= threshold ? After(reports[threshold - 1]) : null, revokedAt is { } ra ? After(ra) : null,
            receivers.Count > 0 ? receivers.Max(After) : null,
            counts is { Success: true } ? int.Parse(counts.Groups[1].Value, c) : null, counts is { Success: true } ? int.Parse(counts.Groups[2].Value, c) : null,
            ofModel.Count(e => e.Outcome == ReceiveOutcome.Rejected && e.Reason == ReceiveReason.Revoked), acceptedLate, refused.Count);
        var figures = new SumoAttackFigures("compromised-idf-model", attack.Vehicle, string.Join(",", exploit.Exploited), (exploit.At - _run.Start).TotalSeconds, receivers.Count,
            Refused: ofModel.Count(e => e.Outcome == ReceiveOutcome.Rejected), Accepted: ofModel.Count(e => e.Outcome == ReceiveOutcome.Accepted), Model: m);
        string Covered(IEnumerable<string> stations) => string.Join(", ", stations.Select(s =>
            $"{s} {(refusedStations.Contains(s) ? "refused as Revoked" : heardLate.Contains(s) ? "NOT refused" : retired.ContainsKey(s) ? "silent (retired its tickets)" : "silent")}"));
        var passed = exploit.Exploited.Count >= (attack.Count ?? 0) && revokedAt is not null && atRevocation.Count > 0 && uncovered.Count == 0 && notRefused.Count == 0
            && acceptedLate == 0 && lateOnAir.Count == 0 && newTickets.Count == 0;
        var detail = exploit.Exploited.Count < (attack.Count ?? 0)
            ? string.Create(c, $"only {exploit.OnAir.Count} OBU(s) of {attack.Vehicle} on the air at {(exploit.At - _run.Start).TotalSeconds:0.0} s, {attack.Count} to exploit: exploited {exploit.Exploited.Count}")
            : revokedAt is null
                ? string.Create(c, $"not revoked: {reports.Count} station(s) of the model reported, the authority's threshold is {threshold}")
                : notRefused.Count > 0 || acceptedLate > 0 || uncovered.Count > 0 || lateOnAir.Count > 0 || newTickets.Count > 0 || atRevocation.Count == 0
                    ? string.Create(c, $"{acceptedLate} frame(s) of the model accepted later than a CRL refresh after the revocation{(notRefused.Count > 0 ? $", at {string.Join(", ", notRefused)}" : "")}; decided after it and never refused as Revoked: {(uncovered.Count == 0 ? "none" : string.Join(", ", uncovered))}{(lateOnAir.Count > 0 ? $"; on the air after the revocation: {string.Join(", ", lateOnAir)}" : "")}{(newTickets.Count > 0 ? $"; got a new ticket: {string.Join(", ", newTickets)}" : "")}{(atRevocation.Count == 0 ? "; none of the model on the air at the revocation" : "")}")
                    : string.Create(c, $"exploited on {string.Join(", ", exploit.Exploited)}; threshold report after {m.ThresholdReportAfterMs:0} ms, revoked after {m.RevokedAfterMs:0} ms ({request!.Action}); {receivers.Count} OBUs of other models refused its frames as Revoked (the last first from {(m.LastRefusedAfterMs is { } lr ? $"{lr:0} ms" : "-")}), none accepted one later than a CRL refresh after; exploited: {Covered(exploit.Exploited)}; untouched: {(untouched.Count == 0 ? "none" : Covered(untouched))}; {refused.Count} departing later refused by the PKI");
        return (figures, [new Expectation(name, passed, detail), OthersUnaffected(entries, pki, model.Keys.ToHashSet(StringComparer.Ordinal), bound ?? exploit.At)]);
    }

    // No station of another model revoked (the tampered firmware's own compromise and the ghost aside), no other model revoked,
    // and the other models' frames still accepted after the bound.
    private Expectation OthersUnaffected(IReadOnlyList<LedgerEntry> entries, Demo.DemoPki pki, HashSet<string> model, DateTimeOffset bound)
    {
        var c = CultureInfo.InvariantCulture;
        var own = Mobility.SumoBench.RevokedForOwnCompromise(pki);
        var otherModels = pki.Pki.Ma.Detection.Requests.Where(r => r.Scope == RevocationScope.Implementation && r.Target != ModelTarget).Select(r => $"{r.Target} {r.State}").ToList();
        var blocked = pki.Pki.Context.Store.GetStations().Where(s => s.BlockedAt is not null && !model.Contains(s.StationId) && !own.Contains(s.StationId) && s.StationId != GhostName)
            .Select(s => s.StationId).ToList();
        var others = entries.Where(e => e.Kind == SenderKind.Obu && !model.Contains(e.Sender) && !own.Contains(e.Sender)).ToList();
        var revoked = others.Where(e => e.Reason == ReceiveReason.Revoked).ToList();
        var accepted = others.Count(e => e.Outcome == ReceiveOutcome.Accepted && e.DecidedAt > bound);
        var passed = otherModels.Count == 0 && blocked.Count == 0 && revoked.Count == 0 && accepted > 0;
        var detail = passed
            ? string.Create(c, $"{others.Select(e => e.Sender).Distinct(StringComparer.Ordinal).Count()} OBUs of other models: none revoked, none refused as Revoked; {accepted} of their frames accepted after the model's revocation reached the receivers")
            : string.Join("; ", new[]
            {
                otherModels.Count == 0 ? null : "other models revoked: " + string.Join(", ", otherModels),
                blocked.Count == 0 ? null : "stations of other models revoked: " + string.Join(", ", blocked),
                revoked.Count == 0 ? null : string.Create(c, $"{revoked.Count} frame(s) of other models refused as Revoked, e.g. {revoked[0].Sender} at {revoked[0].Receiver}"),
                accepted > 0 ? null : "no frame of another model accepted after the model's revocation reached the receivers",
            }.OfType<string>());
        return new Expectation(OtherModelsCheck, passed, detail);
    }

    // The PKI's action of a model-wide revocation (Revocations.RevokeImplementation): "… N station(s), E EC(s), A AT(s) revoked …".
    [GeneratedRegex(@"(\d+) station\(s\), \d+ EC\(s\), (\d+) AT\(s\) revoked", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ActionCounts();
}
