namespace Cti.Validation;

/// <summary>The STIX 2.1 property data types (§2) the validator checks.</summary>
internal enum PropertyKind
{
    String,
    Timestamp,
    Boolean,
    Integer,
    Number,
    Identifier,
    IdentifierList,
    StringList,
    Dictionary,
    Hashes,
    KillChainPhases,
    ExternalReferences,
    GranularMarkings,
    Object,
    ObjectList,
    Binary,
    Hex,
    Any,
}
