namespace V2x.Link;

/// <summary>EtherType values (IEEE 802.3 §3.2.6 Length/Type field; values of 0x0600 and above are types).</summary>
public static class EtherTypes
{
    /// <summary>The smallest value that is a type rather than a length (IEEE 802.3 §3.2.6).</summary>
    public const ushort MinimumType = 0x0600;

    /// <summary>GeoNetworking (IEEE registration for ETSI EN 302 636-4-1; ETSI EN 302 636-3 / ES 202 663).</summary>
    public const ushort GeoNetworking = 0x8947;
}
