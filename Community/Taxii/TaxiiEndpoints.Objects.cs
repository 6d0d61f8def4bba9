using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Access;
using Community.Authenticity;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Stix;
using Cti.Taxii;
using Microsoft.AspNetCore.Http;

namespace Community.Taxii;

public static partial class TaxiiEndpoints
{
    // TAXII 2.1 §5.4: Get Objects (envelope, paged, filtered; default match[version]=last).
    private static async Task GetObjectsAsync(HttpContext ctx, HubServices services, string id)
    {
        if (await CollectionAccess.ResolveAsync(ctx, services.Core, id, write: false).ConfigureAwait(false) is not { } access ||
            await QueryAsync(ctx, services, defaultAllVersions: false).ConfigureAwait(false) is not { } query)
        {
            return;
        }

        var page = await ReadAsync(services, access, query, query.ToStoreQuery(access.Collection.Id), ctx.RequestAborted).ConfigureAwait(false);
        TaxiiHttp.DateAddedHeaders(ctx, page.Objects.FirstOrDefault()?.Object.DateAddedUs, page.Objects.LastOrDefault()?.Object.DateAddedUs);
        await TaxiiHttp.WriteEnvelopeAsync(ctx, page.Objects.Select(s => s.Object.Body).ToList(), page.More, Next(page)).ConfigureAwait(false);
    }

    // TAXII 2.1 §5.3: Get Object Manifests.
    private static async Task ManifestAsync(HttpContext ctx, HubServices services, string id)
    {
        if (await CollectionAccess.ResolveAsync(ctx, services.Core, id, write: false).ConfigureAwait(false) is not { } access ||
            await QueryAsync(ctx, services, defaultAllVersions: false).ConfigureAwait(false) is not { } query)
        {
            return;
        }

        var page = await ReadAsync(services, access, query, query.ToStoreQuery(access.Collection.Id), ctx.RequestAborted).ConfigureAwait(false);
        var records = page.Objects.Select(s => new TaxiiManifestRecord(
            s.Object.StixId,
            Ts(s.Object.DateAddedUs),
            VersionText.Of(s.Object),
            TaxiiMediaType.Stix21)).ToList();
        TaxiiHttp.DateAddedHeaders(ctx, page.Objects.FirstOrDefault()?.Object.DateAddedUs, page.Objects.LastOrDefault()?.Object.DateAddedUs);
        // TAXII 2.1 §5.3.1: an empty result is an empty manifest resource ({}); a next whenever more is true, as
        // clients that page manifests expect (TAXII 2.1 names none here; without it some clients loop on page 1).
        await TaxiiHttp.WriteAsync(ctx, StatusCodes.Status200OK,
                records.Count == 0 ? new TaxiiManifest() : new TaxiiManifest(page.More, records, Next(page)))
            .ConfigureAwait(false);
    }

    // TAXII 2.1 §5.6: Get An Object (its versions matching match[version], default last).
    private static async Task GetObjectAsync(HttpContext ctx, HubServices services, string id, string objectId)
    {
        if (await CollectionAccess.ResolveAsync(ctx, services.Core, id, write: false).ConfigureAwait(false) is not { } access ||
            await QueryAsync(ctx, services, defaultAllVersions: false).ConfigureAwait(false) is not { } query)
        {
            return;
        }

        var page = await ReadAsync(services, access, query, query.ToStoreQuery(access.Collection.Id, [objectId]) with { Types = null }, ctx.RequestAborted).ConfigureAwait(false);
        if (page.Objects.Count == 0 && query.AfterUs == long.MinValue)
        {
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status404NotFound, "Object not found").ConfigureAwait(false);
            return;
        }

        TaxiiHttp.DateAddedHeaders(ctx, page.Objects.FirstOrDefault()?.Object.DateAddedUs, page.Objects.LastOrDefault()?.Object.DateAddedUs);
        await TaxiiHttp.WriteEnvelopeAsync(ctx, page.Objects.Select(s => s.Object.Body).ToList(), page.More, Next(page)).ConfigureAwait(false);
    }

    // TAXII 2.1 §5.7: Get Object Versions (all versions, date_added order).
    private static async Task VersionsAsync(HttpContext ctx, HubServices services, string id, string objectId)
    {
        if (await CollectionAccess.ResolveAsync(ctx, services.Core, id, write: false).ConfigureAwait(false) is not { } access ||
            await QueryAsync(ctx, services, defaultAllVersions: true).ConfigureAwait(false) is not { } query)
        {
            return;
        }

        var storeQuery = query.ToStoreQuery(access.Collection.Id, [objectId]) with { Types = null, AllVersions = true };
        var page = await ReadAsync(services, access, query, storeQuery, ctx.RequestAborted).ConfigureAwait(false);
        if (page.Objects.Count == 0 && query.AfterUs == long.MinValue)
        {
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status404NotFound, "Object not found").ConfigureAwait(false);
            return;
        }

        TaxiiHttp.DateAddedHeaders(ctx, page.Objects.FirstOrDefault()?.Object.DateAddedUs, page.Objects.LastOrDefault()?.Object.DateAddedUs);
        var versions = page.Objects.Select(s => VersionText.Of(s.Object)).ToList();
        // TAXII 2.1 §5.7.1 (cs01 §5.8.1): an empty result is an empty resource ({}); next whenever more is true.
        await TaxiiHttp.WriteAsync(ctx, StatusCodes.Status200OK,
                versions.Count == 0 ? new TaxiiVersions() : new TaxiiVersions(page.More, versions, Next(page)))
            .ConfigureAwait(false);
    }

    // TAXII 2.1 §5.5: Add Objects. 415 for another media type, 413 beyond max_content_length,
    // 400 for a body that is not an envelope; per-object outcomes go to the status resource (202).
    // A vehicle posts without credentials to a collection with a vehicle producer, authenticated by the signature of its
    // authorization ticket alone (Docs/community.md "Signed submissions"); anyone else without credentials gets 401.
    private static async Task AddObjectsAsync(HttpContext ctx, HubServices services, string id)
    {
        HubCollection collection;
        Organisation poster;
        var fromVehicle = false;
        if (TaxiiHttp.ReaderOf(ctx).IsAnonymous &&
            await services.Core.Store.GetCollectionAsync(id, ctx.RequestAborted).ConfigureAwait(false) is { Policy.VehicleProducer: { } producer } vehicles &&
            await services.Core.Store.GetOrganisationAsync(producer, ctx.RequestAborted).ConfigureAwait(false) is { } producerOrganisation)
        {
            (collection, poster, fromVehicle) = (vehicles, producerOrganisation, true);
        }
        else if (await CollectionAccess.ResolveAsync(ctx, services.Core, id, write: true).ConfigureAwait(false) is { } access)
        {
            (collection, poster) = (access.Collection, access.EffectiveReader.Organisation!);
        }
        else
        {
            return;
        }

        if (TaxiiMediaType.MatchContentType(ctx.Request.ContentType) != TaxiiMediaType.Match.Acceptable)
        {
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"post an envelope as {TaxiiMediaType.Taxii21} (TAXII 2.1 §1.6.8)").ConfigureAwait(false);
            return;
        }

        var max = services.Core.Options.MaxContentLengthBytes;
        if (ctx.Request.ContentLength > max)
        {
            await TooLargeAsync(ctx, max).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(ctx.Request.Body, max, ctx.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await TooLargeAsync(ctx, max).ConfigureAwait(false);
            return;
        }

        var verdict = await VerifyAsync(ctx, services, collection, body, fromVehicle).ConfigureAwait(false);
        if (fromVehicle && verdict.Authenticity != SubmissionAuthenticity.Verified)
        {
            // Nothing else authenticates a vehicle: no valid ticket signature, no write (fail closed).
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status401Unauthorized, "Authentication required",
                $"a vehicle posts with the signature of a valid authorization ticket ({EnvelopeSignature.Header}): {verdict.Reason}").ConfigureAwait(false);
            return;
        }

        var objects = ParseEnvelope(body, out var error);
        if (objects is null)
        {
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status400BadRequest, "Malformed envelope", error).ConfigureAwait(false);
            return;
        }

        var status = await services.Ingest.ProcessAsync(poster, collection, objects, verdict, fromVehicle, ctx.RequestAborted).ConfigureAwait(false);
        await TaxiiHttp.WriteAsync(ctx, StatusCodes.Status202Accepted, status).ConfigureAwait(false);
    }

    // The signature over the body as received, when the collection checks signatures or a vehicle posts.
    private static async Task<SubmissionVerdict> VerifyAsync(HttpContext ctx, HubServices services, HubCollection collection, byte[] body, bool fromVehicle)
    {
        if (collection.Policy.SummarySignatures == SignaturePolicy.None && !fromVehicle)
        {
            return SubmissionVerdict.NotChecked;
        }

        var header = ctx.Request.Headers[EnvelopeSignature.Header].ToString();
        if (services.Verifier is not { } verifier)
        {
            return header.Length == 0 ? SubmissionVerdict.Unsigned : SubmissionVerdict.Invalid("the hub has no V2X trust anchor configured");
        }

        return await verifier.VerifyAsync(collection.Id, body, header, ctx.RequestAborted).ConfigureAwait(false);
    }

    // TAXII 2.1 §5.8: Delete An Object; only the organisation that published it, versions per match[version] (default all).
    private static async Task DeleteObjectAsync(HttpContext ctx, HubServices services, string id, string objectId)
    {
        if (await CollectionAccess.ResolveAsync(ctx, services.Core, id, write: true).ConfigureAwait(false) is not { } access ||
            await QueryAsync(ctx, services, defaultAllVersions: true).ConfigureAwait(false) is not { } query)
        {
            return;
        }

        var org = access.EffectiveReader.Organisation!;
        var matches = query.SpecVersionMatches
            ? await services.Core.Store.QueryObjectsAsync(query.ToStoreQuery(access.Collection.Id, [objectId]) with { Types = null, Limit = int.MaxValue }, ctx.RequestAborted)
                .ConfigureAwait(false)
            : [];
        var organisations = await services.Reader.OrganisationsAsync(ctx.RequestAborted).ConfigureAwait(false);
        var visible = matches.Where(m => AccessPolicy.CanSee(access.EffectiveReader, m, organisations, services.Core.Routing)).ToList();
        if (visible.Count == 0)
        {
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status404NotFound, "Object not found").ConfigureAwait(false);
            return;
        }

        if (visible.Any(m => m.Producer != org.Id))
        {
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status403Forbidden, "Only the organisation that published an object may delete it").ConfigureAwait(false);
            return;
        }

        await services.Core.WriteLock.WaitAsync(ctx.RequestAborted).ConfigureAwait(false);
        try
        {
            await using var batch = await services.Core.Store.BeginBatchAsync(ctx.RequestAborted).ConfigureAwait(false);
            var deleted = await batch.DeleteVersionsAsync(access.Collection.Id, objectId, visible.Select(v => v.VersionUs).ToList(), ctx.RequestAborted).ConfigureAwait(false);
            var nowUs = services.Core.NowUs;
            await batch.AppendAuditAsync(
                deleted.Select(v => new AuditEntry { AtUs = nowUs, Action = "delete", Actor = org.Id, CollectionId = access.Collection.Id, Subject = objectId, VersionUs = v, Reason = "deleted by its producer (TAXII 2.1 §5.8)" }).ToList(),
                ctx.RequestAborted).ConfigureAwait(false);
            await batch.CommitAsync(ctx.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            services.Core.WriteLock.Release();
        }

        // TAXII 2.1 §5.8 (cs01 §5.7): 200 with the TAXII media type; the answer has no body.
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = TaxiiMediaType.Taxii21;
    }

    private static async Task<ReadPage> ReadAsync(HubServices services, CollectionAccess access, TaxiiQuery query, ObjectQuery storeQuery, CancellationToken cancellationToken) =>
        query.SpecVersionMatches
            ? await services.Reader.ReadAsync(access.EffectiveReader, storeQuery, query.Limit, query.MinValueScore, cancellationToken).ConfigureAwait(false)
            : new ReadPage([], false, null);

    private static string? Next(ReadPage page) => page.More && page.NextAfterUs is { } after ? PageToken.Encode(after) : null;

    private static string Ts(long us) => StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(us));

    private static Task TooLargeAsync(HttpContext ctx, long max) =>
        TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status413PayloadTooLarge, "Request too large", $"the API root accepts at most {max} bytes (max_content_length, TAXII 2.1 §4.2.1)");

    private static async Task<byte[]?> ReadBodyAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var n = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + n > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }
    }

    private static List<JsonObject>? ParseEnvelope(byte[] body, out string? error)
    {
        JsonNode? node;
        try
        {
            node = StixJson.Parse(body);
        }
        catch (JsonException e)
        {
            error = "not valid JSON: " + e.Message;
            return null;
        }

        if (node is not JsonObject envelope || envelope["objects"] is not JsonArray array)
        {
            error = "an envelope is a JSON object with an objects list (TAXII 2.1 §3.7)";
            return null;
        }

        if (array.Count == 0)
        {
            error = "the envelope holds no objects";
            return null;
        }

        var objects = new List<JsonObject>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonObject o)
            {
                error = "every entry of objects must be a JSON object (a STIX object)";
                return null;
            }

            objects.Add(o);
        }

        // Detach the objects from the envelope so they can be stored and edited on their own.
        array.Clear();
        error = null;
        return objects;
    }
}
