using Community.Access;
using Community.Hosting;
using Community.Membership;
using Microsoft.AspNetCore.Http;

namespace Community.Taxii;

/// <summary>
/// Per-collection rights, enforced on every request (ITU-T X.1382 §8.3 e, TAXII 2.1 §5): an
/// approved member reads and writes as granted; anyone may read a public collection's TLP:CLEAR
/// objects; otherwise 401 without credentials, 403 when the organisation is known to the
/// collection (member or applicant) but lacks the right, 404 when it is not (the collection's
/// existence is not disclosed, TAXII 2.1 §5.2 "or the client does not have access").
/// </summary>
public sealed record CollectionAccess(HubCollection Collection, CollectionMembership? Membership, Reader EffectiveReader)
{
    /// <summary>Resolves access or writes the refusal; null when refused.</summary>
    public static async Task<CollectionAccess?> ResolveAsync(HttpContext context, HubCore core, string collectionId, bool write)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(core);
        var reader = TaxiiHttp.ReaderOf(context);
        var collection = await core.Store.GetCollectionAsync(collectionId, context.RequestAborted).ConfigureAwait(false);
        if (collection is null)
        {
            await TaxiiHttp.ErrorAsync(context, StatusCodes.Status404NotFound, "Collection not found").ConfigureAwait(false);
            return null;
        }

        var membership = reader.Organisation is { } org
            ? await core.Store.GetMembershipAsync(collection.Id, org.Id, context.RequestAborted).ConfigureAwait(false)
            : null;
        if (write ? membership?.MayWrite == true : membership?.MayRead == true)
        {
            return new CollectionAccess(collection, membership, reader);
        }

        if (!write && collection.PublicRead)
        {
            // Non-members read a public collection as the public does: TLP:CLEAR only.
            return new CollectionAccess(collection, membership, Reader.Anonymous);
        }

        if (reader.IsAnonymous)
        {
            await TaxiiHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, "Authentication required", "HTTP Basic credentials of a member organisation (TAXII 2.1 §1.6.5)")
                .ConfigureAwait(false);
            return null;
        }

        if (membership is not null || collection.PublicRead)
        {
            await TaxiiHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, write ? "No write access to this collection" : "No read access to this collection",
                membership?.State == MembershipState.Requested ? "your request to join awaits an administrator's approval (ITU-T X.1382 §8.3 e)" : null).ConfigureAwait(false);
            return null;
        }

        await TaxiiHttp.ErrorAsync(context, StatusCodes.Status404NotFound, "Collection not found").ConfigureAwait(false);
        return null;
    }
}
