using System.Text.Json.Serialization;
using Community.Admin;
using Community.Membership;
using Community.Storage;

namespace Community;

/// <summary>Source-generated JSON metadata for the hub's stored records and admin API (snake_case).</summary>
// Bodies from outside: a repeated property name is a JsonException (I-JSON, RFC 7493 §2.3), never a last-one-wins
// or an ArgumentException from a JsonObject on first read.
[JsonSourceGenerationOptions(
    AllowDuplicateProperties = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Organisation))]
[JsonSerializable(typeof(HubCollection))]
[JsonSerializable(typeof(CollectionPolicy))]
[JsonSerializable(typeof(CollectionMembership))]
[JsonSerializable(typeof(FalseAlarmRule))]
[JsonSerializable(typeof(AnomalyGroup))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(OrganisationRequest))]
[JsonSerializable(typeof(OrganisationView))]
[JsonSerializable(typeof(List<OrganisationView>))]
[JsonSerializable(typeof(CredentialRequest))]
[JsonSerializable(typeof(ReputationRequest))]
[JsonSerializable(typeof(CollectionRequest))]
[JsonSerializable(typeof(CollectionView))]
[JsonSerializable(typeof(List<CollectionView>))]
[JsonSerializable(typeof(RightsRequest))]
[JsonSerializable(typeof(MembershipView))]
[JsonSerializable(typeof(List<MembershipView>))]
[JsonSerializable(typeof(RuleRequest))]
[JsonSerializable(typeof(List<FalseAlarmRule>))]
[JsonSerializable(typeof(List<AuditEntry>))]
[JsonSerializable(typeof(RetentionReportView))]
[JsonSerializable(typeof(AnomalyView))]
[JsonSerializable(typeof(List<AnomalyView>))]
[JsonSerializable(typeof(MessageView))]
[JsonSerializable(typeof(RevokeRequest))]
[JsonSerializable(typeof(JoinableCollectionView))]
[JsonSerializable(typeof(List<JoinableCollectionView>))]
[JsonSerializable(typeof(Taxii.ScoresResource))]
internal sealed partial class CommunityJsonContext : JsonSerializerContext
{
    /// <summary>The same metadata writing with <see cref="Cti.Stix.StixJson.Encoder"/> (readable non-ASCII names).</summary>
    public static CommunityJsonContext Wire { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = Cti.Stix.StixJson.Encoder,
        Converters = { new JsonStringEnumConverter() },
    });
}
