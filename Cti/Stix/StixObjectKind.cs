namespace Cti.Stix;

/// <summary>The families of STIX 2.1 objects (STIX 2.1 §2.2, §4-§7).</summary>
public enum StixObjectKind
{
    /// <summary>A type this library does not know (possibly a custom type from an extension definition).</summary>
    Unknown,

    /// <summary>STIX Domain Object (§4).</summary>
    DomainObject,

    /// <summary>STIX Relationship Object (§5).</summary>
    RelationshipObject,

    /// <summary>STIX Cyber-observable Object (§6).</summary>
    CyberObservable,

    /// <summary>Marking definition (§7.2).</summary>
    MarkingDefinition,

    /// <summary>Extension definition (§7.3).</summary>
    ExtensionDefinition,

    /// <summary>Language content (§7.1).</summary>
    LanguageContent,
}
