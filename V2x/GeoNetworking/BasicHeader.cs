namespace V2x.GeoNetworking;

/// <summary>
/// The GeoNetworking Basic Header (ETSI EN 302 636-4-1 v1.4.1 §9.6): version (always
/// <see cref="Version"/>), next header, reserved octet, lifetime and remaining hop limit (RHL). The
/// next header is implied by what follows: <see cref="GeoNetworkingCodec.Encode"/> writes a Common
/// Header (NH = 1), <see cref="GeoNetworkingCodec.EncodeSecured"/> a secured packet (NH = 2).
/// </summary>
public readonly record struct BasicHeader(Lifetime Lifetime, byte RemainingHopLimit)
{
    /// <summary>GeoNetworking protocol version of EN 302 636-4-1 v1.3.1 and later (§9.6.2).</summary>
    public const byte Version = 1;

    public const int Length = 4;
}
