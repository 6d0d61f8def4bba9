using System.Collections.Frozen;
using Cti.Stix;

namespace Cti.Validation;

/// <summary>
/// The STIX 2.1 object types this library accepts, with the properties each may carry (common
/// properties of §3.2 plus the type's own clause). Anything else reaches a STIX 2.1 consumer only
/// through an extension definition (§7.3), which <see cref="ExtensionRegistry"/> resolves.
/// </summary>
public static partial class StixTypeCatalog
{
    private static readonly FrozenDictionary<string, TypeSpec> Specs = BuildAll().ToFrozenDictionary(s => s.Type, StringComparer.Ordinal);

    /// <summary>The object types with a built-in specification.</summary>
    public static IReadOnlyCollection<string> AcceptedTypes => Specs.Keys;

    /// <summary>The family of a type name (<see cref="StixObjectKind.Unknown"/> for custom or unknown types).</summary>
    public static StixObjectKind KindOf(string type) =>
        type is not null && Specs.TryGetValue(type, out var spec) ? spec.Kind : StixObjectKind.Unknown;

    /// <summary>True when <paramref name="type"/> is one of the accepted domain object types.</summary>
    public static bool IsDomainObjectType(string type) => KindOf(type) == StixObjectKind.DomainObject;

    internal static TypeSpec? Find(string type) => Specs.GetValueOrDefault(type);

    internal static TypeSpec Custom(string type, StixObjectKind kind) => new(type, kind, kind switch
    {
        StixObjectKind.CyberObservable => ScoCommon(),
        _ => SdoCommon(),
    });

    private static IEnumerable<TypeSpec> BuildAll() =>
        DomainObjects().Concat(RelationshipObjects()).Concat(CyberObservables()).Concat(MetaObjects());

    // STIX 2.1 §3.2, common properties of SDOs and SROs.
    private static IEnumerable<PropertySpec> SdoCommon() =>
    [
        new("type", PropertyKind.String, Required: true),
        new("spec_version", PropertyKind.String, Required: true),
        new("id", PropertyKind.Identifier, Required: true),
        new("created_by_ref", PropertyKind.Identifier, RefTypes: ["identity"]),
        new("created", PropertyKind.Timestamp, Required: true),
        new("modified", PropertyKind.Timestamp, Required: true),
        new("revoked", PropertyKind.Boolean),
        new("labels", PropertyKind.StringList),
        new("confidence", PropertyKind.Integer, Min: 0, Max: 100),
        new("lang", PropertyKind.String),
        new("external_references", PropertyKind.ExternalReferences),
        new("object_marking_refs", PropertyKind.IdentifierList, RefTypes: ["marking-definition"]),
        new("granular_markings", PropertyKind.GranularMarkings),
        new("extensions", PropertyKind.Any),
    ];

    // STIX 2.1 §3.2 / §6.1, common properties of SCOs.
    private static IEnumerable<PropertySpec> ScoCommon() =>
    [
        new("type", PropertyKind.String, Required: true),
        new("spec_version", PropertyKind.String),
        new("id", PropertyKind.Identifier, Required: true),
        new("object_marking_refs", PropertyKind.IdentifierList, RefTypes: ["marking-definition"]),
        new("granular_markings", PropertyKind.GranularMarkings),
        new("defanged", PropertyKind.Boolean),
        new("extensions", PropertyKind.Any),
    ];

    private static TypeSpec Sdo(string type, params PropertySpec[] own) => new(type, StixObjectKind.DomainObject, SdoCommon().Concat(own));

    private static TypeSpec Sro(string type, params PropertySpec[] own) => new(type, StixObjectKind.RelationshipObject, SdoCommon().Concat(own));

    private static TypeSpec Sco(string type, params PropertySpec[] own) => new(type, StixObjectKind.CyberObservable, ScoCommon().Concat(own));

    private static PropertySpec Str(string name, bool required = false) => new(name, PropertyKind.String, required);

    private static PropertySpec Time(string name, bool required = false) => new(name, PropertyKind.Timestamp, required);

    private static PropertySpec Strings(string name, bool required = false) => new(name, PropertyKind.StringList, required);

    private static PropertySpec Ref(string name, params string[] types) => new(name, PropertyKind.Identifier, RefTypes: types.Length == 0 ? null : types);

    private static PropertySpec Refs(string name, bool required, params string[] types) =>
        new(name, PropertyKind.IdentifierList, required, types.Length == 0 ? null : types);

    private static PropertySpec Int(string name, long min, long max, bool required = false) =>
        new(name, PropertyKind.Integer, required, Min: min, Max: max);

    private static PropertySpec Bool(string name, bool required = false) => new(name, PropertyKind.Boolean, required);

    private static PropertySpec Phases() => new("kill_chain_phases", PropertyKind.KillChainPhases);

    // STIX 2.1 §7.2 marking-definition, §7.3 extension-definition.
    private static IEnumerable<TypeSpec> MetaObjects() =>
    [
        new("marking-definition", StixObjectKind.MarkingDefinition,
        [
            new("type", PropertyKind.String, Required: true),
            new("spec_version", PropertyKind.String, Required: true),
            new("id", PropertyKind.Identifier, Required: true),
            new("created_by_ref", PropertyKind.Identifier, RefTypes: ["identity"]),
            new("created", PropertyKind.Timestamp, Required: true),
            new("external_references", PropertyKind.ExternalReferences),
            new("object_marking_refs", PropertyKind.IdentifierList, RefTypes: ["marking-definition"]),
            new("granular_markings", PropertyKind.GranularMarkings),
            new("extensions", PropertyKind.Any),
            Str("name"),
            Str("definition_type"),
            new("definition", PropertyKind.Object),
        ]),
        new("extension-definition", StixObjectKind.ExtensionDefinition,
        [
            new("type", PropertyKind.String, Required: true),
            new("spec_version", PropertyKind.String, Required: true),
            new("id", PropertyKind.Identifier, Required: true),
            new("created_by_ref", PropertyKind.Identifier, Required: true, RefTypes: ["identity"]),
            new("created", PropertyKind.Timestamp, Required: true),
            new("modified", PropertyKind.Timestamp, Required: true),
            new("revoked", PropertyKind.Boolean),
            new("labels", PropertyKind.StringList),
            new("external_references", PropertyKind.ExternalReferences),
            new("object_marking_refs", PropertyKind.IdentifierList, RefTypes: ["marking-definition"]),
            new("granular_markings", PropertyKind.GranularMarkings),
            Str("name", required: true),
            Str("description"),
            Str("schema", required: true),
            Str("version", required: true),
            Strings("extension_types", required: true),
            Strings("extension_properties"),
        ]),
    ];
}
