namespace V2x.Per;

public sealed partial class UperReader
{
    /// <summary>
    /// A constrained whole number <c>(lowerBound..upperBound)</c>: X.691 §11.5.6 (UNALIGNED); a
    /// value beyond the upper bound (possible when the range is not a power of two) is rejected.
    /// </summary>
    public long ReadConstrainedWholeNumber(long lowerBound, long upperBound, string name)
    {
        if (lowerBound > upperBound)
        {
            throw new ArgumentException($"empty range ({lowerBound}..{upperBound})", nameof(upperBound));
        }

        var rangeMinusOne = PerMath.RangeMinusOne(lowerBound, upperBound);
        var offset = ReadBits(PerMath.BitsForRange(rangeMinusOne), name);
        if (offset > rangeMinusOne)
        {
            throw Error(name, $"value {unchecked(lowerBound + (long)offset)} outside ({lowerBound}..{upperBound})");
        }

        return unchecked(lowerBound + (long)offset);
    }

    /// <summary>INTEGER <c>(lowerBound..upperBound, ...)</c>: X.691 §13.1 (extension bit, then root or unconstrained encoding).</summary>
    public long ReadExtensibleInteger(long lowerBound, long upperBound, string name)
    {
        if (!ReadBit(name))
        {
            return ReadConstrainedWholeNumber(lowerBound, upperBound, name);
        }

        var value = ReadUnconstrainedInteger(name);
        if (value >= lowerBound && value <= upperBound)
        {
            // X.691 §13.1: a value in the root is encoded in the root, never as an extension.
            throw Error(name, $"value {value} is in the root range but encoded as an extension");
        }

        return value;
    }

    /// <summary>A semi-constrained whole number <c>(lowerBound..MAX)</c>: X.691 §11.7 (length in octets, then the offset).</summary>
    public long ReadSemiConstrainedWholeNumber(long lowerBound, string name)
    {
        var octets = ReadIntegerLength(name);
        var offset = ReadBits(octets * 8, name);
        if (octets > 1 && (offset >> ((octets - 1) * 8)) == 0)
        {
            throw Error(name, "non-minimal integer encoding (leading zero octet)");
        }

        var value = unchecked(lowerBound + (long)offset);
        if (value < lowerBound)
        {
            throw Error(name, "integer does not fit in 64 bits");
        }

        return value;
    }

    /// <summary>An unconstrained INTEGER: X.691 §11.8 (length in octets, then two's complement).</summary>
    public long ReadUnconstrainedInteger(string name)
    {
        var octets = ReadIntegerLength(name);
        var bits = octets * 8;
        var raw = ReadBits(bits, name);
        var value = bits == 64 ? unchecked((long)raw) : (long)(raw << (64 - bits)) >> (64 - bits);
        if (octets > 1 && PerMath.OctetsForSigned(value) < octets)
        {
            throw Error(name, "non-minimal integer encoding (redundant leading octet)");
        }

        return value;
    }

    /// <summary>A normally small non-negative whole number: X.691 §11.6.</summary>
    public long ReadNormallySmallNonNegativeWholeNumber(string name)
    {
        if (!ReadBit(name))
        {
            return (long)ReadBits(6, name);
        }

        var value = ReadSemiConstrainedWholeNumber(0, name);
        if (value <= 63)
        {
            throw Error(name, $"normally small number {value} must use the short form");
        }

        return value;
    }

    /// <summary>The octet count of a semi-constrained or unconstrained integer: 1 to 8 (64-bit values).</summary>
    private int ReadIntegerLength(string name)
    {
        var octets = ReadUnconstrainedLengthShort(name);
        if (octets == 0)
        {
            throw Error(name, "integer encoded in zero octets");
        }

        if (octets > 8)
        {
            throw Error(name, $"integer of {octets} octets does not fit in 64 bits");
        }

        return octets;
    }
}
