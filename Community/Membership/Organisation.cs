using System.Text.Json.Serialization;
using Cti.Stix;

namespace Community.Membership;

/// <summary>
/// A member organisation of the sharing community (ITU-T X.1382 §8.1): its roles, what it builds
/// or supplies (the relevance facts of AppendII d), its clients (TLP:AMBER reach), and the
/// reputation the community gives its information (Appendix II a).
/// </summary>
public sealed record Organisation
{
    /// <summary>Namespace of organisation identities: identity--UUIDv5(namespace, id).</summary>
    public static readonly Guid IdentityNamespace = new("a94ceab7-caea-427b-b6dd-6c4fb45a8c58");

    /// <summary>Short identifier (lower-case letters, digits, '-', 2-64 characters).</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>X.1382 §8.1 roles.</summary>
    public OrganisationRole Roles { get; init; }

    /// <summary>Vehicle makes it builds or serves.</summary>
    public IReadOnlyList<string> Makes { get; init; } = [];

    /// <summary>Vehicle models it builds or serves.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Suppliers whose components it uses (or its own name, for a supplier).</summary>
    public IReadOnlyList<string> Suppliers { get; init; } = [];

    /// <summary>Organisations that are its clients (they may read its TLP:AMBER information).</summary>
    public IReadOnlyList<string> Clients { get; init; } = [];

    /// <summary>Source reputation 0..1 (X.1382 Appendix II a), adjustable by the administrator.</summary>
    public double Reputation { get; init; } = 0.5;

    /// <summary>Whether its credentials may use the admin API.</summary>
    public bool IsAdministrator { get; init; }

    /// <summary>The STIX identity that stands for it (TLP:RED recipients name these).</summary>
    [JsonIgnore]
    public string IdentityId => StixId.Create("identity", StixId.Uuid5(IdentityNamespace, Id)).ToString();

    /// <summary>True when <paramref name="id"/> is a well-formed organisation identifier.</summary>
    public static bool IsValidId(string id) =>
        id is { Length: >= 2 and <= 64 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && id[0] != '-';
}
