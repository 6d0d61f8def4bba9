using System.Text.Json.Serialization;

namespace Community.Membership;

/// <summary>An organisation's subscription to one collection (sub-community) and its rights there.</summary>
public sealed record CollectionMembership
{
    /// <summary>The collection.</summary>
    public required string CollectionId { get; init; }

    /// <summary>The organisation.</summary>
    public required string OrganisationId { get; init; }

    /// <summary>Where the request stands.</summary>
    public MembershipState State { get; init; }

    /// <summary>May read objects (only once approved).</summary>
    public bool CanRead { get; init; }

    /// <summary>May add objects (only once approved).</summary>
    public bool CanWrite { get; init; }

    /// <summary>When the organisation asked.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>When an administrator decided, if one did.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Effective read right.</summary>
    [JsonIgnore]
    public bool MayRead => State == MembershipState.Approved && CanRead;

    /// <summary>Effective write right.</summary>
    [JsonIgnore]
    public bool MayWrite => State == MembershipState.Approved && CanWrite;
}
