using System.Text.Json.Nodes;
using Community.Analysis;
using Community.Authenticity;
using Community.Membership;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;
using Cti.Taxii;

namespace Community.Ingest;

public sealed partial class IngestService
{
    // One object, checked without the store: validation, the vehicle-submission and signature policies, the
    // false-alarm rules, desensitisation, the canonical body and the stored facts. Thread-safe (runs in parallel).
    private Prepared Prepare(Submission submission, HubCollection collection, JsonObject obj, IReadOnlyList<FalseAlarmRule> rules)
    {
        var id = StixObject.GetString(obj, "id") ?? "(no id)";
        var version = StixObject.GetString(obj, "modified") ?? StixObject.GetString(obj, "created") ?? string.Empty;
        Prepared Fail(string message) => new(obj, new TaxiiStatusDetail(id, version, message));

        // STIX 2.1 §3.1 and TAXII 2.1 §3.1 require I-JSON; an unpaired surrogate (RFC 7493 §2.1) has no canonical form to store.
        string? canonical;
        try
        {
            canonical = JsonCanonicalizer.Canonicalize(obj);
        }
        catch (StixFormatException e)
        {
            return Fail("not I-JSON: " + e.Message);
        }

        if ((obj["extensions"] as JsonObject)?[HubExtension.Id] is JsonObject hubExtension &&
            hubExtension.Select(p => p.Key).FirstOrDefault(HubExtension.HubOnlyProperties.Contains) is { } hubOnly)
        {
            return Fail($"'{hubOnly}' of the hub extension is set by the hub only");
        }

        var errors = _core.Validator.Validate(obj);
        if (errors.Count > 0)
        {
            return Fail("invalid STIX 2.1: " + string.Join("; ", errors.Take(5)));
        }

        var type = StixObject.GetString(obj, "type")!;
        AnomalyExtension.TryRead(obj, out var facts);
        if (submission.FromVehicle && facts is null && StixObject.FromJson(obj).Kind != StixObjectKind.CyberObservable)
        {
            return Fail("a vehicle submits anomaly summaries and their observables only");
        }

        // Docs/community.md "Signed submissions": the collection's policy for summaries without a valid ticket signature.
        var signatures = collection.Policy.SummarySignatures;
        var authenticity = facts is null || signatures == SignaturePolicy.None ? SubmissionAuthenticity.NotChecked : submission.Verdict.Authenticity;
        if (facts is not null && signatures == SignaturePolicy.Require && authenticity != SubmissionAuthenticity.Verified)
        {
            return Fail($"refused: not signed by a valid authorization ticket of the V2X PKI ({submission.Verdict.Reason}); this collection requires it");
        }

        if (rules.FirstOrDefault(r => Matches(r, type, facts)) is { } rule)
        {
            return Fail($"filtered as a false alarm by rule {rule.Id}: {rule.Reason} (ITU-T X.1382 §9.3.2.2 a)");
        }

        var scrub = collection.Policy.Desensitisation == DesensitisationMode.Scrub;
        var findings = Desensitiser.Apply(obj, collection.Policy, scrub);
        if (findings.Count > 0 && !scrub)
        {
            return Fail("refused: contains " + Describe(findings) + " (ITU-T X.1382 §7.3 desensitisation; this collection rejects such data)");
        }

        if (findings.Count > 0)
        {
            canonical = null;
            errors = _core.Validator.Validate(obj);
            if (errors.Count > 0)
            {
                return Fail("desensitisation left the object invalid: " + string.Join("; ", errors.Take(3)));
            }

            AnomalyExtension.TryRead(obj, out facts);
        }

        var nowUs = _core.NowUs;
        StoredObject row;
        try
        {
            row = ObjectFacts.Extract(obj, collection, submission.Poster.Id, _core.Options, nowUs, canonical) with { Authenticity = authenticity };
        }
        catch (StixFormatException e)
        {
            return Fail("not I-JSON: " + e.Message);
        }

        var note = authenticity is SubmissionAuthenticity.Unsigned or SubmissionAuthenticity.Invalid
            ? $"kept, marked {(authenticity == SubmissionAuthenticity.Unsigned ? "unsigned" : "invalid")} and not merged ({submission.Verdict.Reason})"
            : null;
        var message = findings.Count == 0 ? note : "desensitised: " + Describe(findings) + (note is null ? string.Empty : "; " + note);
        return new Prepared(obj, null)
        {
            Id = id,
            Version = version,
            Type = type,
            Facts = facts,
            Row = row,
            IsObservable = StixObject.FromJson(obj).Version is null,
            NowUs = nowUs,
            Message = message,
        };
    }

    // One prepared object against the store: versions (only the producer publishes new ones, STIX 2.1 §3.6; a repeated
    // id and version is accepted once), storage, and merging of anomaly summaries.
    private async Task<(bool Ok, TaxiiStatusDetail Detail)> StoreAsync(
        IObjectBatch batch,
        MergeSession? merges,
        Submission submission,
        HubCollection collection,
        Prepared item,
        Dictionary<string, JsonObject> envelope,
        List<JsonObject> definitions,
        CancellationToken cancellationToken)
    {
        var poster = submission.Poster;
        var row = item.Row!;
        TaxiiStatusDetail Fail(string message) => new(item.Id, item.Version, message);
        var head = await batch.GetHeadAsync(collection.Id, row.StixId, cancellationToken).ConfigureAwait(false);
        if (head is not null)
        {
            if (item.IsObservable)
            {
                // SCOs have deterministic ids (STIX 2.1 §2.9) and no versions: one copy, shared.
                return (true, new TaxiiStatusDetail(item.Id, StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(head.FirstVersionUs)), "already present"));
            }

            if (head.Producer != poster.Id)
            {
                return (false, Fail("this object was published by another organisation; only its producer publishes new versions (STIX 2.1 §3.6)"));
            }

            if (await batch.ExistsAsync(collection.Id, row.StixId, row.VersionUs, cancellationToken).ConfigureAwait(false))
            {
                return (true, new TaxiiStatusDetail(item.Id, item.Version, "already present"));
            }

            if (head.Created is not null && row.Created != head.Created)
            {
                return (false, Fail("created differs from the earlier versions of this object (STIX 2.1 §3.6)"));
            }
        }

        // The registry is hub-wide: an id defined by one organisation (in any collection) is not redefined by another.
        if (item.Type == "extension-definition" && !_core.Extensions.MayDefine(row.StixId, poster.Id))
        {
            return (false, Fail("this extension definition id is defined by another organisation (STIX 2.1 §3.6, §7.3)"));
        }

        var dateAdded = await batch.InsertAsync(row, head, item.NowUs, cancellationToken).ConfigureAwait(false);
        if (row.Revoked)
        {
            await batch.ExpireNoLaterThanAsync(collection.Id, row.StixId, item.NowUs + (_core.Options.RevokedGrace.Ticks / 10), cancellationToken).ConfigureAwait(false);
        }

        if (item.Type == "extension-definition")
        {
            // Registered hub-wide only after the envelope commits (ProcessAsync): a rolled-back envelope defines nothing.
            definitions.Add(item.Object);
        }

        // Marked (unsigned or badly signed) summaries are kept but never counted in a merge.
        if (item.Facts is not null && head is null && merges is not null && row.Authenticity is SubmissionAuthenticity.NotChecked or SubmissionAuthenticity.Verified)
        {
            await merges.AddAsync(row with { DateAddedUs = dateAdded }, item.Object, item.Facts, envelope, item.NowUs, cancellationToken).ConfigureAwait(false);
        }

        var reportedVersion = item.IsObservable ? StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(row.VersionUs)) : item.Version;
        return (true, new TaxiiStatusDetail(item.Id, reportedVersion, item.Message));
    }

    private sealed record Submission(Organisation Poster, SubmissionVerdict Verdict, bool FromVehicle);

    // An object after Prepare: refused (Failure), or ready to store (Row and what StoreAsync needs).
    private sealed record Prepared(JsonObject Object, TaxiiStatusDetail? Failure)
    {
        public string Id { get; init; } = string.Empty;

        public string Version { get; init; } = string.Empty;

        public string Type { get; init; } = string.Empty;

        public AnomalyFacts? Facts { get; init; }

        public StoredObject? Row { get; init; }

        public bool IsObservable { get; init; }

        public long NowUs { get; init; }

        public string? Message { get; init; }
    }
}
