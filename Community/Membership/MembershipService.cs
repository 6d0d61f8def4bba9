using Community.Admin;
using Community.Hosting;
using Community.Storage;
using Cti.Stix;

namespace Community.Membership;

/// <summary>
/// Community administration after ITU-T X.1382 §8: organisations with roles and credentials;
/// collections (sub-communities, §8.4) that members ask to join and an administrator approves
/// (subscription verification, §8.3 e), and that members leave freely. Used by the admin API, the
/// members' API and the command line alike. Bad requests raise <see cref="CommunityException"/>.
/// </summary>
public sealed partial class MembershipService
{
    private readonly HubCore _core;

    public MembershipService(HubCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        _core = core;
    }

    /// <summary>Creates or updates an organisation.</summary>
    public async Task<Organisation> UpsertOrganisationAsync(OrganisationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Organisation.IsValidId(request.Id ?? string.Empty) || request.Id == _core.Options.HubOrganisationId)
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "an organisation id is 2-64 lower-case letters, digits and '-', and not the hub's own");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "an organisation needs a name of at most 200 characters");
        }

        if (request.Reputation is { } rep && (double.IsNaN(rep) || rep is < 0 or > 1))
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "reputation is between 0 and 1 (ITU-T X.1382 Appendix II a)");
        }

        foreach (var client in request.Clients ?? [])
        {
            if (!Organisation.IsValidId(client))
            {
                throw new CommunityException(CommunityErrorKind.Invalid, $"'{client}' is not an organisation id");
            }
        }

        var existing = await _core.Store.GetOrganisationAsync(request.Id!, cancellationToken).ConfigureAwait(false);
        var organisation = new Organisation
        {
            Id = request.Id!,
            Name = request.Name,
            Roles = request.Roles is null ? existing?.Roles ?? OrganisationRole.None : OrganisationRoles.Parse(request.Roles),
            Makes = Clean(request.Makes) ?? existing?.Makes ?? [],
            Models = Clean(request.Models) ?? existing?.Models ?? [],
            Suppliers = Clean(request.Suppliers) ?? existing?.Suppliers ?? [],
            Clients = Clean(request.Clients) ?? existing?.Clients ?? [],
            Reputation = request.Reputation ?? existing?.Reputation ?? 0.5,
            IsAdministrator = request.Administrator ?? existing?.IsAdministrator ?? false,
        };
        await _core.Store.UpsertOrganisationAsync(organisation, cancellationToken).ConfigureAwait(false);
        return organisation;
    }

    /// <summary>Sets credentials for an organisation (the password is stored hashed only).</summary>
    public async Task SetCredentialAsync(string organisationId, CredentialRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RequireOrganisationAsync(organisationId, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(request.Username) || request.Username.Length > 64 || request.Username.Contains(':', StringComparison.Ordinal))
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "a user name is 1-64 characters without ':' (RFC 7617)");
        }

        if (request.Password is not { Length: >= 12 and <= 256 })
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "a password is 12-256 characters");
        }

        if (await _core.Store.GetCredentialAsync(request.Username, cancellationToken).ConfigureAwait(false) is { } taken && taken.OrganisationId != organisationId)
        {
            throw new CommunityException(CommunityErrorKind.Conflict, "that user name belongs to another organisation");
        }

        await _core.Store.SetCredentialAsync(
            new Credential(request.Username, organisationId, PasswordHasher.Hash(request.Password, _core.Options.PasswordIterations)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adjusts an organisation's source reputation (X.1382 Appendix II a).</summary>
    public async Task<Organisation> SetReputationAsync(string organisationId, double reputation, CancellationToken cancellationToken)
    {
        var organisation = await RequireOrganisationAsync(organisationId, cancellationToken).ConfigureAwait(false);
        if (double.IsNaN(reputation) || reputation is < 0 or > 1)
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "reputation is between 0 and 1 (ITU-T X.1382 Appendix II a)");
        }

        organisation = organisation with { Reputation = reputation };
        await _core.Store.UpsertOrganisationAsync(organisation, cancellationToken).ConfigureAwait(false);
        return organisation;
    }

    /// <summary>Creates or updates a collection.</summary>
    public async Task<HubCollection> UpsertCollectionAsync(CollectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 200)
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "a collection needs a title of at most 200 characters");
        }

        var id = request.Id ?? _core.Options.NewGuid().ToString("D");
        if (!Guid.TryParseExact(id, "D", out _))
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "a collection id is a UUID (TAXII 2.1 §5.2.1)");
        }

        id = id.ToLowerInvariant();
        var existing = await _core.Store.GetCollectionAsync(id, cancellationToken).ConfigureAwait(false);
        var policy = existing?.Policy ?? new CollectionPolicy();
        if (request.Desensitisation is { } mode)
        {
            policy = policy with
            {
                Desensitisation = mode.ToLowerInvariant() switch
                {
                    "reject" => DesensitisationMode.Reject,
                    "scrub" => DesensitisationMode.Scrub,
                    _ => throw new CommunityException(CommunityErrorKind.Invalid, "desensitisation is reject or scrub"),
                },
            };
        }

        if (request.CoordinateDecimals is { } decimals)
        {
            policy = decimals is >= 0 and <= 6
                ? policy with { CoordinateDecimals = decimals }
                : throw new CommunityException(CommunityErrorKind.Invalid, "coordinate decimals are 0-6");
        }

        if (request.RetentionDays is { } days)
        {
            policy = days is > 0 and <= 36_500
                ? policy with { Retention = TimeSpan.FromDays(days) }
                : throw new CommunityException(CommunityErrorKind.Invalid, "retention is 0-36500 days (0 is not allowed; omit it to keep objects)");
        }

        if (request.DefaultTlp is { } tlp)
        {
            policy = Tlp.TryParseLabel(tlp, out var level)
                ? policy with { DefaultTlp = level }
                : throw new CommunityException(CommunityErrorKind.Invalid, "the default TLP is clear, green, amber, amber+strict or red");
        }

        if (request.MergeAnomalies is { } merge)
        {
            policy = policy with { MergeAnomalies = merge };
        }

        if (request.SummarySignatures is { } signatures)
        {
            policy = policy with
            {
                SummarySignatures = signatures.ToLowerInvariant() switch
                {
                    "none" => SignaturePolicy.None,
                    "mark" => SignaturePolicy.Mark,
                    "require" => SignaturePolicy.Require,
                    _ => throw new CommunityException(CommunityErrorKind.Invalid, "signatures is none, mark or require"),
                },
            };
        }

        if (request.VehicleProducer is { } producer)
        {
            // An empty value switches vehicle submissions off.
            policy = policy with
            {
                VehicleProducer = producer.Length == 0 ? null : (await RequireOrganisationAsync(producer, cancellationToken).ConfigureAwait(false)).Id,
            };
        }

        if (policy.VehicleProducer is not null && policy.SummarySignatures == SignaturePolicy.None)
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "vehicle submissions (a vehicle producer) need a signature policy, mark or require");
        }

        var collection = new HubCollection
        {
            Id = id,
            Title = request.Title,
            Description = request.Description ?? existing?.Description,
            Alias = request.Alias ?? existing?.Alias,
            PublicRead = request.PublicRead ?? existing?.PublicRead ?? false,
            Policy = policy,
        };
        await _core.Store.UpsertCollectionAsync(collection, cancellationToken).ConfigureAwait(false);
        return collection;
    }

    internal async Task<Organisation> RequireOrganisationAsync(string organisationId, CancellationToken cancellationToken) =>
        await _core.Store.GetOrganisationAsync(organisationId ?? string.Empty, cancellationToken).ConfigureAwait(false)
        ?? throw new CommunityException(CommunityErrorKind.NotFound, $"no organisation '{organisationId}'");

    internal async Task<HubCollection> RequireCollectionAsync(string collectionId, CancellationToken cancellationToken) =>
        await _core.Store.GetCollectionAsync(collectionId ?? string.Empty, cancellationToken).ConfigureAwait(false)
        ?? throw new CommunityException(CommunityErrorKind.NotFound, $"no collection '{collectionId}'");

    private static List<string>? Clean(IReadOnlyList<string>? values) =>
        values?.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
