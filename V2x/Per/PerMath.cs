using System.Numerics;

namespace V2x.Per;

/// <summary>Bit and octet counting shared by the UPER reader and writer.</summary>
internal static class PerMath
{
    /// <summary>
    /// Number of bits of the bit-field that holds a constrained whole number whose range minus one
    /// is <paramref name="rangeMinusOne"/>: ITU-T X.691 §11.5.6 (UNALIGNED variant: the minimum
    /// number of bits needed for the range; zero bits when the range has a single value, §11.5.4).
    /// </summary>
    public static int BitsForRange(ulong rangeMinusOne) =>
        rangeMinusOne == 0 ? 0 : 64 - BitOperations.LeadingZeroCount(rangeMinusOne);

    /// <summary>Minimum number of octets of a non-negative binary integer (X.691 §11.3), at least one.</summary>
    public static int OctetsForUnsigned(ulong value)
    {
        var bits = value == 0 ? 1 : 64 - BitOperations.LeadingZeroCount(value);
        return (bits + 7) / 8;
    }

    /// <summary>Minimum number of octets of a two's-complement binary integer (X.691 §11.4), at least one.</summary>
    public static int OctetsForSigned(long value)
    {
        for (var octets = 1; octets < 8; octets++)
        {
            var min = -(1L << ((octets * 8) - 1));
            var max = (1L << ((octets * 8) - 1)) - 1;
            if (value >= min && value <= max)
            {
                return octets;
            }
        }

        return 8;
    }

    /// <summary>The range size minus one of <c>(lowerBound..upperBound)</c>, as an unsigned number.</summary>
    public static ulong RangeMinusOne(long lowerBound, long upperBound) => unchecked((ulong)(upperBound - lowerBound));
}
