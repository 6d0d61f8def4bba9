namespace V2x.Oer;

/// <summary>The extension-addition presence bitmap of a SEQUENCE (ITU-T X.696 §16.4), as read.</summary>
public readonly struct OerExtensionBitmap
{
    private readonly ReadOnlyMemory<byte> _bits;

    public OerExtensionBitmap(ReadOnlyMemory<byte> bits, int bitCount)
    {
        _bits = bits;
        BitCount = bitCount;
    }

    /// <summary>Number of bits in the bitmap (the last one is set in canonical OER).</summary>
    public int BitCount { get; }

    /// <summary>Whether extension addition <paramref name="index"/> (0-based) is present.</summary>
    public bool IsPresent(int index) =>
        index >= 0 && index < BitCount && (_bits.Span[index / 8] & (0x80 >> (index % 8))) != 0;
}
