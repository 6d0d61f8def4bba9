using Cti.Stix;

namespace Cti.Validation;

/// <summary>The properties one STIX type may carry, common and specific.</summary>
internal sealed class TypeSpec
{
    public TypeSpec(string type, StixObjectKind kind, IEnumerable<PropertySpec> properties)
    {
        Type = type;
        Kind = kind;
        Properties = properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public string Type { get; }

    public StixObjectKind Kind { get; }

    public IReadOnlyDictionary<string, PropertySpec> Properties { get; }
}
