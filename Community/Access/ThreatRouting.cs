using System.Text.Json;
using Community.Membership;
using Cti.Sharing;

namespace Community.Access;

/// <summary>
/// Sharing scopes by threat type (ITU-T X.1382 §8.2): which roles receive information labelled with
/// each X.1371 threat type. <see cref="Default"/> is X.1382 Table 1; a community may configure its own.
/// </summary>
public sealed class ThreatRouting
{
    private const OrganisationRole A = OrganisationRole.Automaker;
    private const OrganisationRole S = OrganisationRole.Supplier;
    private const OrganisationRole T = OrganisationRole.ThirdPartyProvider;
    private const OrganisationRole C = OrganisationRole.CoordinationTeam;
    private const OrganisationRole O = OrganisationRole.TelecomOperator;
    private const OrganisationRole V = OrganisationRole.CybersecurityVendor;

    private readonly Dictionary<X1371ThreatType, OrganisationRole> _map;

    /// <summary>A routing from an explicit map; every threat type must be present.</summary>
    public ThreatRouting(IReadOnlyDictionary<X1371ThreatType, OrganisationRole> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        foreach (var t in X1371ThreatTypes.All)
        {
            if (!map.ContainsKey(t))
            {
                throw new ArgumentException($"the routing lacks {X1371ThreatTypes.Label(t)}", nameof(map));
            }
        }

        _map = new Dictionary<X1371ThreatType, OrganisationRole>(map);
    }

    /// <summary>ITU-T X.1382 Table 1, row by row.</summary>
    public static ThreatRouting Default { get; } = new(new Dictionary<X1371ThreatType, OrganisationRole>
    {
        [X1371ThreatType.BackEndServers] = A | T | C | V,
        [X1371ThreatType.CommunicationChannels] = A | S | T | C | O | V,
        [X1371ThreatType.UpdateProcedures] = A | T | C | V,
        [X1371ThreatType.UnintendedHumanActions] = A | S | T,
        [X1371ThreatType.ExternalConnectivity] = A | S | T | C | O | V,
        [X1371ThreatType.AttackTargetsAndMotivations] = A | S | T | C | V,
        [X1371ThreatType.PotentialVulnerabilities] = A | S | T | C | O | V,
    });

    /// <summary>The roles that receive <paramref name="type"/>.</summary>
    public OrganisationRole RolesFor(X1371ThreatType type) => _map[type];

    /// <summary>True when an organisation holding <paramref name="roles"/> receives every type in <paramref name="types"/>.</summary>
    public bool Admits(OrganisationRole roles, IEnumerable<X1371ThreatType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types.All(t => (_map[t] & roles) != OrganisationRole.None);
    }

    /// <summary>The routing as JSON: { "x1371:…": ["automaker", …], … }.</summary>
    public string ToJson()
    {
        var doc = X1371ThreatTypes.All.ToDictionary(X1371ThreatTypes.Label, t => OrganisationRoles.ToNames(_map[t]).ToArray());
        return JsonSerializer.Serialize(doc, CommunityJsonContext.Default.DictionaryStringStringArray);
    }

    /// <summary>Parses <see cref="ToJson"/>'s format; a malformed document is a bad request.</summary>
    public static ThreatRouting FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Dictionary<string, string[]>? doc;
        try
        {
            doc = JsonSerializer.Deserialize(json, CommunityJsonContext.Default.DictionaryStringStringArray);
        }
        catch (JsonException e)
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "the threat routing is not valid JSON: " + e.Message);
        }

        if (doc is null)
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "the threat routing is empty");
        }

        var map = new Dictionary<X1371ThreatType, OrganisationRole>();
        foreach (var (label, roles) in doc)
        {
            if (!X1371ThreatTypes.TryParseLabel(label, out var type))
            {
                throw new CommunityException(CommunityErrorKind.Invalid, $"'{label}' is not an X.1371 threat-type label");
            }

            map[type] = OrganisationRoles.Parse(roles ?? []);
        }

        var missing = X1371ThreatTypes.All.Where(t => !map.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "the threat routing lacks " + string.Join(", ", missing.Select(X1371ThreatTypes.Label)));
        }

        return new ThreatRouting(map);
    }
}
