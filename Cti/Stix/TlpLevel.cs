namespace Cti.Stix;

/// <summary>
/// Traffic Light Protocol 2.0 levels (FIRST TLP 2.0), ordered from least to most restrictive so
/// that the most restrictive of several markings is their maximum.
/// </summary>
public enum TlpLevel
{
    /// <summary>TLP:CLEAR (TLP 1.0 WHITE): no limit on disclosure.</summary>
    Clear = 0,

    /// <summary>TLP:GREEN: the recipient's community.</summary>
    Green = 1,

    /// <summary>TLP:AMBER: the recipient's organisation and its clients.</summary>
    Amber = 2,

    /// <summary>TLP:AMBER+STRICT: the recipient's organisation only.</summary>
    AmberStrict = 3,

    /// <summary>TLP:RED: named recipients only.</summary>
    Red = 4,
}
