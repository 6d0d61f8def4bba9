namespace V2x.Oer;

/// <summary>Size rules of ITU-T X.696 shared by the writer and the reader.</summary>
public static class OerRules
{
    /// <summary>X.696 §10.3 (b)-(e): octets of a constrained whole number with lower bound ≥ 0.</summary>
    public static int FixedUnsignedOctets(ulong upperBound) => upperBound switch
    {
        <= byte.MaxValue => 1,
        <= ushort.MaxValue => 2,
        <= uint.MaxValue => 4,
        _ => 8,
    };

    /// <summary>X.696 §10.4 (b)-(e): octets of a constrained whole number with a negative lower bound.</summary>
    public static int FixedSignedOctets(long lowerBound, long upperBound)
    {
        if (lowerBound >= sbyte.MinValue && upperBound <= sbyte.MaxValue)
        {
            return 1;
        }

        if (lowerBound >= short.MinValue && upperBound <= short.MaxValue)
        {
            return 2;
        }

        return lowerBound >= int.MinValue && upperBound <= int.MaxValue ? 4 : 8;
    }

    /// <summary>Packs presence flags (first = most significant) for <see cref="OerWriter.WritePreamble"/>.</summary>
    public static uint PresenceBits(params ReadOnlySpan<bool> present)
    {
        var bits = 0u;
        foreach (var p in present)
        {
            bits = (bits << 1) | (p ? 1u : 0u);
        }

        return bits;
    }
}
