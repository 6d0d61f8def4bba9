namespace Community.Membership;

/// <summary>A TAXII collection: one sub-community of the sharing community (ITU-T X.1382 §8.4).</summary>
public sealed record HubCollection
{
    /// <summary>TAXII collection id (a UUID, TAXII 2.1 §5.2.1).</summary>
    public required string Id { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Optional alias (TAXII 2.1 §5.2.1).</summary>
    public string? Alias { get; init; }

    /// <summary>Whether anyone, members or not, may read its TLP:CLEAR objects without credentials.</summary>
    public bool PublicRead { get; init; }

    /// <summary>Its rules.</summary>
    public CollectionPolicy Policy { get; init; } = new();
}
