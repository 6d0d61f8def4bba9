namespace V2x.Per;

public sealed partial class UperWriter
{
    /// <summary>
    /// A constrained whole number <c>(lowerBound..upperBound)</c>: X.691 §11.5.6 (UNALIGNED), the
    /// offset from the lower bound as a non-negative binary integer in the minimum number of bits
    /// for the range; no bits at all when the range holds one value (§11.5.4). Used for INTEGER with
    /// a finite range (§13.2.2) and for constrained lengths (§11.9.4.1).
    /// </summary>
    public void WriteConstrainedWholeNumber(long value, long lowerBound, long upperBound, string name)
    {
        if (lowerBound > upperBound)
        {
            throw new ArgumentException($"empty range ({lowerBound}..{upperBound})", nameof(upperBound));
        }

        if (value < lowerBound || value > upperBound)
        {
            throw OutOfRange(name, value, $"outside ({lowerBound}..{upperBound})");
        }

        var bits = PerMath.BitsForRange(PerMath.RangeMinusOne(lowerBound, upperBound));
        WriteBits(unchecked((ulong)(value - lowerBound)), bits);
    }

    /// <summary>
    /// INTEGER <c>(lowerBound..upperBound, ...)</c>: X.691 §13.1, an extension bit (0 when the value
    /// is in the root range), then the root encoding, or for a value outside the root the
    /// unconstrained encoding (§13.2.4).
    /// </summary>
    public void WriteExtensibleInteger(long value, long lowerBound, long upperBound, string name)
    {
        var inRoot = value >= lowerBound && value <= upperBound;
        WriteBit(!inRoot);
        if (inRoot)
        {
            WriteConstrainedWholeNumber(value, lowerBound, upperBound, name);
        }
        else
        {
            WriteUnconstrainedInteger(value, name);
        }
    }

    /// <summary>
    /// A semi-constrained whole number <c>(lowerBound..MAX)</c>: X.691 §11.7, the offset from the
    /// lower bound as a non-negative binary integer in the minimum number of octets, preceded by an
    /// unconstrained length determinant giving the number of octets (§13.2.3).
    /// </summary>
    public void WriteSemiConstrainedWholeNumber(long value, long lowerBound, string name)
    {
        if (value < lowerBound)
        {
            throw OutOfRange(name, value, $"below the lower bound {lowerBound}");
        }

        var offset = unchecked((ulong)(value - lowerBound));
        var octets = PerMath.OctetsForUnsigned(offset);
        WriteUnconstrainedLengthShort(octets);
        WriteBits(offset, octets * 8);
    }

    /// <summary>
    /// An unconstrained INTEGER: X.691 §11.8 / §13.2.4, a two's-complement binary integer in the
    /// minimum number of octets, preceded by an unconstrained length determinant.
    /// </summary>
    public void WriteUnconstrainedInteger(long value, string name)
    {
        _ = name;
        var octets = PerMath.OctetsForSigned(value);
        WriteUnconstrainedLengthShort(octets);
        var bits = octets * 8;
        var raw = unchecked((ulong)value);
        WriteBits(bits == 64 ? raw : raw & ((1UL << bits) - 1), bits);
    }

    /// <summary>
    /// A normally small non-negative whole number: X.691 §11.6, a zero bit and six bits for values
    /// up to 63, otherwise a one bit and the semi-constrained encoding with lower bound 0.
    /// </summary>
    public void WriteNormallySmallNonNegativeWholeNumber(long value, string name)
    {
        if (value < 0)
        {
            throw OutOfRange(name, value, "a normally small number cannot be negative");
        }

        if (value <= 63)
        {
            WriteBit(false);
            WriteBits((ulong)value, 6);
        }
        else
        {
            WriteBit(true);
            WriteSemiConstrainedWholeNumber(value, 0, name);
        }
    }
}
