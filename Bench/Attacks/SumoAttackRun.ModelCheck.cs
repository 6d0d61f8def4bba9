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

        var store = pki.Pki.Context.Store;
        var target = ModelTarget!;
        var request = pki.Pki.Ma.Detection.Requests.FirstOrDefault(r => r.Scope == RevocationScope.Implementation && r.Target == target && r.State == RevocationRequestState.Done);
        var reports = store.GetObservations().Where(o => o.Kind is MisbehaviourKind.IdfAnomaly or MisbehaviourKind.IdfCompromise && o.SubjectStation is { } s && model.ContainsKey(s))
            .GroupBy(o => o.SubjectStation!, StringComparer.Ordinal).Select(g => g.Min(o => o.ReceivedAt)).Order().ToList();
        var facts = new ModelFacts(attack.Vehicle, attack.Count ?? 0, exploit.At, exploit.Exploited, exploit.OnAir.Count, model.ToDictionary(kv => kv.Key, kv => kv.Value.At, StringComparer.Ordinal),
            refused, retired.Where(kv => kv.Value.NewTicket is not null).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal), retired.Keys.ToHashSet(StringComparer.Ordinal),
            request?.DecidedAt, request?.Action, reports, pki.Pki.Context.Options.ImplementationThreshold, _run.CrlRefreshPeriod ?? TimeSpan.FromMinutes(5));
        var (m, check, receivers, bound) = ModelRevoked(entries, facts);
        var ofModel = entries.Where(e => e.Kind == SenderKind.Obu && model.ContainsKey(e.Sender) && !model.ContainsKey(e.Receiver)).ToList();
        var figures = new SumoAttackFigures("compromised-idf-model", attack.Vehicle, string.Join(",", exploit.Exploited), (exploit.At - _run.Start).TotalSeconds, receivers,
            Refused: ofModel.Count(e => e.Outcome == ReceiveOutcome.Rejected), Accepted: ofModel.Count(e => e.Outcome == ReceiveOutcome.Accepted), Model: m);
        return (figures, [check, OthersUnaffected(entries, pki, model.Keys.ToHashSet(StringComparer.Ordinal), bound ?? exploit.At)]);
    }

    /// <summary>What a run recorded of its compromised model (the decision's input: <see cref="ModelRevoked"/>).</summary>
    /// <param name="Model">The model's name.</param>
    /// <param name="Count">How many were to be exploited.</param>
    /// <param name="ExploitedAt">When the exploit happened.</param>
    /// <param name="Exploited">The OBUs exploited.</param>
    /// <param name="OnAirAtExploit">The model's OBUs on the air then.</param>
    /// <param name="Stations">Every OBU of the model built, and when.</param>
    /// <param name="Refused">Those the PKI refused as they departed.</param>
    /// <param name="NewTicket">Those that got a new ticket after finding their own revoked (must be none).</param>
    /// <param name="Retired">Those that found their own certificates on a CRL and retired their tickets.</param>
    /// <param name="RevokedAt">The model-wide revocation (null: none).</param>
    /// <param name="Action">What the PKI did.</param>
    /// <param name="ReportedAt">Each reporting station's first own report at the authority, ascending.</param>
    /// <param name="Threshold">The authority's implementation threshold.</param>
    /// <param name="CrlRefresh">The OBUs' CRL refresh period.</param>
    public sealed record ModelFacts(string Model, int Count, DateTimeOffset ExploitedAt, IReadOnlyList<string> Exploited, int OnAirAtExploit,
        IReadOnlyDictionary<string, DateTimeOffset> Stations, IReadOnlySet<string> Refused, IReadOnlySet<string> NewTicket, IReadOnlySet<string> Retired,
        DateTimeOffset? RevokedAt, string? Action, IReadOnlyList<DateTimeOffset> ReportedAt, int Threshold, TimeSpan CrlRefresh);

    /// <summary>
    /// <c>model-revoked</c> from the ledger and the run's facts: the figures, the check, the receivers of other models that refused
    /// the model's frames as Revoked, and the bound (the revocation, a CRL refresh period and a second; null: not revoked).
    /// </summary>
    public static (SumoModelFigures Figures, Expectation Check, int Receivers, DateTimeOffset? Bound) ModelRevoked(IReadOnlyList<LedgerEntry> entries, ModelFacts f)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(f);
        var c = CultureInfo.InvariantCulture;
        var name = ModelRevokedCheck(f.Model, f.Count);
        var model = f.Stations;
        var refused = f.Refused;
        var revokedAt = f.RevokedAt;
        var reports = f.ReportedAt;
        var threshold = f.Threshold;
        double After(DateTimeOffset at) => Math.Max(0, Math.Round((at - f.ExploitedAt).TotalMilliseconds));
        var bound = revokedAt + f.CrlRefresh + TimeSpan.FromSeconds(1);
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
        var atRevocation = revokedAt is { } r1 ? model.Where(kv => kv.Value <= r1 && !refused.Contains(kv.Key)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList() : [];
        var uncovered = atRevocation.Where(s => !refusedStations.Contains(s) && heardLate.Contains(s)).ToList();
        var newTickets = f.NewTicket.ToList();
        var untouched = atRevocation.Where(s => !f.Exploited.Contains(s)).ToList();
        var lateOnAir = revokedAt is { } r0 ? model.Where(kv => kv.Value > r0 && !refused.Contains(kv.Key)).Select(kv => kv.Key).ToList() : [];
        var counts = f.Action is { } action ? ActionCounts().Match(action) : null;
        var m = new SumoModelFigures(f.Model, f.Exploited, f.OnAirAtExploit, model.Count,
            reports.Count >= threshold ? After(reports[threshold - 1]) : null, revokedAt is { } ra ? After(ra) : null,
            receivers.Count > 0 ? receivers.Max(After) : null,
            counts is { Success: true } ? int.Parse(counts.Groups[1].Value, c) : null, counts is { Success: true } ? int.Parse(counts.Groups[2].Value, c) : null,
            ofModel.Count(e => e.Outcome == ReceiveOutcome.Rejected && e.Reason == ReceiveReason.Revoked), acceptedLate, refused.Count);
        string Covered(IEnumerable<string> stations) => string.Join(", ", stations.Select(s =>
            $"{s} {(refusedStations.Contains(s) ? "refused as Revoked" : heardLate.Contains(s) ? "NOT refused" : f.Retired.Contains(s) ? "silent (retired its tickets)" : "silent")}"));
        var passed = f.Exploited.Count >= f.Count && revokedAt is not null && atRevocation.Count > 0 && uncovered.Count == 0 && notRefused.Count == 0
            && acceptedLate == 0 && lateOnAir.Count == 0 && newTickets.Count == 0;
        var detail = f.Exploited.Count < f.Count
            ? string.Create(c, $"only {f.OnAirAtExploit} OBU(s) of {f.Model} on the air at the exploit, {f.Count} to exploit: exploited {f.Exploited.Count}")
            : revokedAt is null
                ? string.Create(c, $"not revoked: {reports.Count} station(s) of the model reported, the authority's threshold is {threshold}")
                : notRefused.Count > 0 || acceptedLate > 0 || uncovered.Count > 0 || lateOnAir.Count > 0 || newTickets.Count > 0 || atRevocation.Count == 0
                    ? string.Create(c, $"{acceptedLate} frame(s) of the model accepted later than a CRL refresh after the revocation{(notRefused.Count > 0 ? $", at {string.Join(", ", notRefused)}" : "")}; decided after it and never refused as Revoked: {(uncovered.Count == 0 ? "none" : string.Join(", ", uncovered))}{(lateOnAir.Count > 0 ? $"; on the air after the revocation: {string.Join(", ", lateOnAir)}" : "")}{(newTickets.Count > 0 ? $"; got a new ticket: {string.Join(", ", newTickets)}" : "")}{(atRevocation.Count == 0 ? "; none of the model on the air at the revocation" : "")}")
                    : string.Create(c, $"exploited on {string.Join(", ", f.Exploited)}; threshold report after {m.ThresholdReportAfterMs:0} ms, revoked after {m.RevokedAfterMs:0} ms ({f.Action}); {receivers.Count} OBUs of other models refused its frames as Revoked (the last first from {(m.LastRefusedAfterMs is { } lr ? $"{lr:0} ms" : "-")}), none accepted one later than a CRL refresh after; exploited: {Covered(f.Exploited)}; untouched: {(untouched.Count == 0 ? "none" : Covered(untouched))}; {refused.Count} departing later refused by the PKI");
        return (m, new Expectation(name, passed, detail), receivers.Count, bound);
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
