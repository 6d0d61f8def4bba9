namespace Community.Membership;

/// <summary>Names of <see cref="OrganisationRole"/> on the wire (admin API, CLI, Docs).</summary>
public static class OrganisationRoles
{
    private static readonly (OrganisationRole Role, string Name)[] Names =
    [
        (OrganisationRole.Automaker, "automaker"),
        (OrganisationRole.Supplier, "supplier"),
        (OrganisationRole.ThirdPartyProvider, "third-party-provider"),
        (OrganisationRole.CoordinationTeam, "coordination-team"),
        (OrganisationRole.TelecomOperator, "telecom-operator"),
        (OrganisationRole.CybersecurityVendor, "cybersecurity-vendor"),
    ];

    /// <summary>The six single roles, in X.1382 Table 1 column order.</summary>
    public static IReadOnlyList<OrganisationRole> All { get; } = Names.Select(n => n.Role).ToArray();

    /// <summary>The wire names of the roles in <paramref name="roles"/>.</summary>
    public static IReadOnlyList<string> ToNames(OrganisationRole roles) =>
        Names.Where(n => roles.HasFlag(n.Role)).Select(n => n.Name).ToArray();

    /// <summary>The name of one role.</summary>
    public static string Name(OrganisationRole role) => Names.First(n => n.Role == role).Name;

    /// <summary>Parses wire names; unknown names are a bad request.</summary>
    public static OrganisationRole Parse(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = OrganisationRole.None;
        foreach (var name in names)
        {
            var match = Names.FirstOrDefault(n => string.Equals(n.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match.Role == OrganisationRole.None)
            {
                throw new CommunityException(CommunityErrorKind.Invalid,
                    $"unknown role '{name}'; roles are {string.Join(", ", Names.Select(n => n.Name))} (ITU-T X.1382 §8.1)");
            }

            result |= match.Role;
        }

        return result;
    }
}
