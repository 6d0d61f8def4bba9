namespace Community.Hosting;

/// <summary>Settings of one hub.</summary>
public sealed record HubOptions
{
    /// <summary>Discovery title (TAXII 2.1 §4.1.1).</summary>
    public string Title { get; init; } = "ITU-T X.1382 connected-vehicle threat sharing hub";

    /// <summary>Discovery description.</summary>
    public string? Description { get; init; } = "Hub-and-spoke sharing community (ITU-T X.1382 §8.4) over TAXII 2.1 / STIX 2.1.";

    /// <summary>Discovery contact.</summary>
    public string? Contact { get; init; }

    /// <summary>Name of the one API root (its path segment).</summary>
    public string ApiRootName { get; init; } = "hub";

    /// <summary>Largest request body accepted, advertised as max_content_length (TAXII 2.1 §4.2.1).</summary>
    public long MaxContentLengthBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Page size when the client gives no limit.</summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>Largest page served whatever the client asks.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>How long status resources are kept (TAXII 2.1 §4.3: at least 24 hours).</summary>
    public TimeSpan StatusRetention { get; init; } = TimeSpan.FromHours(48);

    /// <summary>How often the retention job runs when hosted.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a revoked object stays before it is erased.</summary>
    public TimeSpan RevokedGrace { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long an indicator stays after its valid_until before it is obsolete and erased.</summary>
    public TimeSpan ObsoleteIndicatorGrace { get; init; } = TimeSpan.FromDays(30);

    /// <summary>PBKDF2 iterations for new credentials.</summary>
    public int PasswordIterations { get; init; } = Membership.PasswordHasher.DefaultIterations;

    /// <summary>How long a verified password is remembered (so PBKDF2 does not run on every request).</summary>
    public TimeSpan CredentialCacheLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The hub's own organisation id (producer of merged objects).</summary>
    public string HubOrganisationId { get; init; } = "hub";

    /// <summary>
    /// Source of fresh identifiers (status resources, collections, rules): random version-4 UUIDs
    /// by default; tests inject their own.
    /// </summary>
    public Func<Guid> NewGuid { get; init; } = Guid.NewGuid;

    /// <summary>Value score settings.</summary>
    public ValuationOptions Valuation { get; init; } = new();

    /// <summary>Checks the settings; impossible values are a caller's mistake.</summary>
    public void Validate()
    {
        if (StatusRetention < TimeSpan.FromHours(24))
        {
            throw new ArgumentException("status resources are kept at least 24 hours (TAXII 2.1 §4.3)", nameof(StatusRetention));
        }

        if (MaxContentLengthBytes < 1024)
        {
            throw new ArgumentException("max content length below 1 KiB", nameof(MaxContentLengthBytes));
        }

        if (DefaultPageSize < 1 || MaxPageSize < DefaultPageSize)
        {
            throw new ArgumentException("page sizes must satisfy 1 <= default <= max", nameof(DefaultPageSize));
        }

        if (ApiRootName.Length == 0 || !ApiRootName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || ApiRootName == "taxii2")
        {
            throw new ArgumentException("the API root name is one path segment of letters, digits, '-' and '_'", nameof(ApiRootName));
        }

        if (RetentionInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("the retention interval must be positive", nameof(RetentionInterval));
        }
    }
}
