namespace V2x.GeoNetworking;

/// <summary>
/// The extended header that follows the Common Header; its type fixes the header type HT and
/// sub-type HST (ETSI EN 302 636-4-1 v1.4.1 §9.7.4, §9.8). Supported: BEACON, TSB, SHB, GBC and GAC.
/// </summary>
public abstract record GnExtendedHeader
{
    private protected GnExtendedHeader()
    {
    }

    /// <summary>HT in the high four bits, HST in the low four bits.</summary>
    internal abstract byte HeaderTypeOctet { get; }

    internal abstract int Length { get; }

    internal abstract void Write(Span<byte> destination);
}
