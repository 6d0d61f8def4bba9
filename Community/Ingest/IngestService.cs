using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Analysis;
using Community.Authenticity;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;
using Cti.Taxii;

namespace Community.Ingest;

/// <summary>
/// Adds the objects of one TAXII envelope to a collection (TAXII 2.1 §5.5): each object is
/// validated (STIX 2.1), filtered against the false-alarm rules (X.1382 §9.3.2.2 a), desensitised
/// per the collection policy (X.1382 §7.3), checked against earlier versions (only the producer
/// publishes new versions, STIX 2.1 §3.6; a repeated id and version is accepted once, which makes
/// posting idempotent), stored with its access and value facts, and merged when it is an anomaly
/// summary. Every object's outcome is reported in the status resource; the whole envelope is
/// written in one transaction.
/// </summary>
public sealed class IngestService
{
    private readonly HubCore _core;
    private readonly AnomalyMerger _merger;

    public IngestService(HubCore core, AnomalyMerger merger)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(merger);
        _core = core;
        _merger = merger;
    }

    /// <summary>Processes an envelope's objects posted by <paramref name="poster"/>; returns the status resource.</summary>
    public Task<TaxiiStatus> ProcessAsync(Organisation poster, HubCollection collection, IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken) =>
        ProcessAsync(poster, collection, objects, SubmissionVerdict.NotChecked, fromVehicle: false, cancellationToken);

    /// <summary>
    /// Processes an envelope's objects posted by <paramref name="poster"/> whose signature gave <paramref name="verdict"/>;
    /// <paramref name="fromVehicle"/> when a vehicle posted it without credentials (attributed to the collection's
    /// vehicle producer). Returns the status resource.
    /// </summary>
    public async Task<TaxiiStatus> ProcessAsync(Organisation poster, HubCollection collection, IReadOnlyList<JsonObject> objects, SubmissionVerdict verdict,
        bool fromVehicle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(poster);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(objects);
        var requestUs = _core.NowUs;
        var statusId = _core.Options.NewGuid().ToString("D");
        var successes = new List<TaxiiStatusDetail>();
        var failures = new List<TaxiiStatusDetail>();
        var envelope = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var o in objects)
        {
            if (StixObject.GetString(o, "id") is { } id)
            {
                envelope.TryAdd(id, o);
            }
        }

        await _core.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rules = (await _core.Store.ListRulesAsync(cancellationToken).ConfigureAwait(false))
                .Where(r => r.CollectionId is null || r.CollectionId == collection.Id).ToList();
            await using var batch = await _core.Store.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
            await batch.PrefetchHeadsAsync(collection.Id, envelope.Keys, cancellationToken).ConfigureAwait(false);
            var definitions = new List<JsonObject>();
            var merges = collection.Policy.MergeAnomalies ? _merger.BeginSession(batch, collection) : null;
            if (merges is not null)
            {
                // The groups the envelope's summaries may join, loaded in one pass (a summary refused later just leaves its group unused).
                await merges.PrefetchAsync(CandidateGroups(objects, collection, poster), cancellationToken).ConfigureAwait(false);
            }
            foreach (var obj in objects)
            {
                var (ok, detail) = await IngestOneAsync(batch, merges, new Submission(poster, verdict, fromVehicle), collection, obj, rules, envelope, definitions, cancellationToken)
                    .ConfigureAwait(false);
                (ok ? successes : failures).Add(detail);
            }

            if (merges is not null)
            {
                await merges.FlushAsync(_core.NowUs, cancellationToken).ConfigureAwait(false);
            }

            var status = new TaxiiStatus(
                statusId,
                TaxiiStatus.Complete,
                TotalCount: objects.Count,
                SuccessCount: successes.Count,
                FailureCount: failures.Count,
                PendingCount: 0,
                RequestTimestamp: StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(requestUs)),
                Successes: successes.Count == 0 ? null : successes,
                Failures: failures.Count == 0 ? null : failures,
                Pendings: null);
            await batch.SaveStatusAsync(
                new StatusRecord(statusId, poster.Id, requestUs, requestUs + (_core.Options.StatusRetention.Ticks / 10), JsonSerializer.Serialize(status, TaxiiJsonContext.Wire.TaxiiStatus)),
                cancellationToken).ConfigureAwait(false);
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var definition in definitions)
            {
                _core.Extensions.RegisterFrom(definition, poster.Id);
            }

            return status;
        }
        finally
        {
            _core.WriteLock.Release();
        }
    }

    private async Task<(bool Ok, TaxiiStatusDetail Detail)> IngestOneAsync(
        IObjectBatch batch,
        MergeSession? merges,
        Submission submission,
        HubCollection collection,
        JsonObject obj,
        List<FalseAlarmRule> rules,
        Dictionary<string, JsonObject> envelope,
        List<JsonObject> definitions,
        CancellationToken cancellationToken)
    {
        var poster = submission.Poster;
        var id = StixObject.GetString(obj, "id") ?? "(no id)";
        var version = StixObject.GetString(obj, "modified") ?? StixObject.GetString(obj, "created") ?? string.Empty;
        TaxiiStatusDetail Fail(string message) => new(id, version, message);

        // STIX 2.1 §3.1 and TAXII 2.1 §3.1 require I-JSON; an unpaired surrogate (RFC 7493 §2.1) has no canonical form to store.
        string? canonical;
        try
        {
            canonical = JsonCanonicalizer.Canonicalize(obj);
        }
        catch (StixFormatException e)
        {
            return (false, Fail("not I-JSON: " + e.Message));
        }

        if ((obj["extensions"] as JsonObject)?[HubExtension.Id] is JsonObject hubExtension &&
            hubExtension.Select(p => p.Key).FirstOrDefault(HubExtension.HubOnlyProperties.Contains) is { } hubOnly)
        {
            return (false, Fail($"'{hubOnly}' of the hub extension is set by the hub only"));
        }

        var errors = _core.Validator.Validate(obj);
        if (errors.Count > 0)
        {
            return (false, Fail("invalid STIX 2.1: " + string.Join("; ", errors.Take(5))));
        }

        var type = StixObject.GetString(obj, "type")!;
        AnomalyExtension.TryRead(obj, out var facts);
        if (submission.FromVehicle && facts is null && StixObject.FromJson(obj).Kind != StixObjectKind.CyberObservable)
        {
            return (false, Fail("a vehicle submits anomaly summaries and their observables only"));
        }

        // Docs/community.md "Signed submissions": the collection's policy for summaries without a valid ticket signature.
        var signatures = collection.Policy.SummarySignatures;
        var authenticity = facts is null || signatures == SignaturePolicy.None ? SubmissionAuthenticity.NotChecked : submission.Verdict.Authenticity;
        if (facts is not null && signatures == SignaturePolicy.Require && authenticity != SubmissionAuthenticity.Verified)
        {
            return (false, Fail($"refused: not signed by a valid authorization ticket of the V2X PKI ({submission.Verdict.Reason}); this collection requires it"));
        }

        if (rules.FirstOrDefault(r => Matches(r, type, facts)) is { } rule)
        {
            return (false, Fail($"filtered as a false alarm by rule {rule.Id}: {rule.Reason} (ITU-T X.1382 §9.3.2.2 a)"));
        }

        var scrub = collection.Policy.Desensitisation == DesensitisationMode.Scrub;
        var findings = Desensitiser.Apply(obj, collection.Policy, scrub);
        if (findings.Count > 0 && !scrub)
        {
            return (false, Fail("refused: contains " + Describe(findings) + " (ITU-T X.1382 §7.3 desensitisation; this collection rejects such data)"));
        }

        if (findings.Count > 0)
        {
            canonical = null;
            errors = _core.Validator.Validate(obj);
            if (errors.Count > 0)
            {
                return (false, Fail("desensitisation left the object invalid: " + string.Join("; ", errors.Take(3))));
            }

            AnomalyExtension.TryRead(obj, out facts);
        }

        var nowUs = _core.NowUs;
        StoredObject row;
        try
        {
            row = ObjectFacts.Extract(obj, collection, poster.Id, _core.Options, nowUs, canonical) with { Authenticity = authenticity };
        }
        catch (StixFormatException e)
        {
            return (false, Fail("not I-JSON: " + e.Message));
        }

        var head = await batch.GetHeadAsync(collection.Id, row.StixId, cancellationToken).ConfigureAwait(false);
        var isObservable = StixObject.FromJson(obj).Version is null;
        if (head is not null)
        {
            if (isObservable)
            {
                // SCOs have deterministic ids (STIX 2.1 §2.9) and no versions: one copy, shared.
                return (true, new TaxiiStatusDetail(id, StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(head.FirstVersionUs)), "already present"));
            }

            if (head.Producer != poster.Id)
            {
                return (false, Fail("this object was published by another organisation; only its producer publishes new versions (STIX 2.1 §3.6)"));
            }

            if (await batch.ExistsAsync(collection.Id, row.StixId, row.VersionUs, cancellationToken).ConfigureAwait(false))
            {
                return (true, new TaxiiStatusDetail(id, version, "already present"));
            }

            if (head.Created is not null && row.Created != head.Created)
            {
                return (false, Fail("created differs from the earlier versions of this object (STIX 2.1 §3.6)"));
            }
        }

        // The registry is hub-wide: an id defined by one organisation (in any collection) is not redefined by another.
        if (type == "extension-definition" && !_core.Extensions.MayDefine(row.StixId, poster.Id))
        {
            return (false, Fail("this extension definition id is defined by another organisation (STIX 2.1 §3.6, §7.3)"));
        }

        var dateAdded = await batch.InsertAsync(row, head, nowUs, cancellationToken).ConfigureAwait(false);
        if (row.Revoked)
        {
            await batch.ExpireNoLaterThanAsync(collection.Id, row.StixId, nowUs + (_core.Options.RevokedGrace.Ticks / 10), cancellationToken).ConfigureAwait(false);
        }

        if (type == "extension-definition")
        {
            // Registered hub-wide only after the envelope commits (ProcessAsync): a rolled-back envelope defines nothing.
            definitions.Add(obj);
        }

        // Marked (unsigned or badly signed) summaries are kept but never counted in a merge.
        if (facts is not null && head is null && merges is not null && authenticity is SubmissionAuthenticity.NotChecked or SubmissionAuthenticity.Verified)
        {
            await merges.AddAsync(row with { DateAddedUs = dateAdded }, obj, facts, envelope, nowUs, cancellationToken).ConfigureAwait(false);
        }

        var note = authenticity is SubmissionAuthenticity.Unsigned or SubmissionAuthenticity.Invalid
            ? $"kept, marked {(authenticity == SubmissionAuthenticity.Unsigned ? "unsigned" : "invalid")} and not merged ({submission.Verdict.Reason})"
            : null;
        var reportedVersion = isObservable ? StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(row.VersionUs)) : version;
        var message = findings.Count == 0 ? note : "desensitised: " + Describe(findings) + (note is null ? string.Empty : "; " + note);
        return (true, new TaxiiStatusDetail(id, reportedVersion, message));
    }

    private static IEnumerable<string> CandidateGroups(IReadOnlyList<JsonObject> objects, HubCollection collection, Organisation poster)
    {
        foreach (var obj in objects)
        {
            if (AnomalyExtension.TryRead(obj, out var facts) &&
                AnomalyMerger.GroupKey(facts!.Signature, Tlp.MostRestrictive(StixObject.GetStringList(obj, "object_marking_refs")) ?? collection.Policy.DefaultTlp, poster.Id) is { } key)
            {
                yield return key;
            }
        }
    }

    private static bool Matches(FalseAlarmRule rule, string type, AnomalyFacts? facts) => rule.Field switch
    {
        "type" => rule.Value == type,
        "signature" => facts?.Signature == rule.Value,
        "detector" => facts?.Detector == rule.Value,
        "anomaly_class" => facts?.AnomalyClass == rule.Value,
        "ecu" => facts?.Ecu == rule.Value,
        "make" => facts?.Make == rule.Value,
        "model" => facts?.Model == rule.Value,
        "firmware_version" => facts?.FirmwareVersion == rule.Value,
        _ => false,
    };

    private static string Describe(IReadOnlyList<DesensitisationFinding> findings) =>
        string.Join(", ", findings.GroupBy(f => f.Kind).Select(g => $"{g.Key} at {string.Join(" ", g.Select(f => f.Path).Distinct().Take(3))}"));

    private sealed record Submission(Organisation Poster, SubmissionVerdict Verdict, bool FromVehicle);
}
