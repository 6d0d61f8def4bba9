namespace Cti.Validation;

/// <summary>How one property of one STIX type is checked.</summary>
/// <param name="Name">Property name.</param>
/// <param name="Kind">Data type (STIX 2.1 §2).</param>
/// <param name="Required">Whether the type's clause marks it required.</param>
/// <param name="RefTypes">For identifier properties: the object types it may point at ("sdo" means any domain object); null for any.</param>
/// <param name="Min">Smallest allowed integer.</param>
/// <param name="Max">Largest allowed integer.</param>
internal sealed record PropertySpec(
    string Name,
    PropertyKind Kind,
    bool Required = false,
    IReadOnlyList<string>? RefTypes = null,
    long Min = long.MinValue,
    long Max = long.MaxValue);
