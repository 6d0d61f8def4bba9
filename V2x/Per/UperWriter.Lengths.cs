namespace V2x.Per;

public sealed partial class UperWriter
{
    /// <summary>Fragment size of an unconstrained length: 16K items (X.691 §11.9.3.8).</summary>
    internal const int FragmentSize = 16384;

    /// <summary>
    /// A length determinant with a PER-visible upper bound below 64K: X.691 §11.9.4.1, the length
    /// as a constrained whole number <c>(lowerBound..upperBound)</c> (no bits when the bounds are equal).
    /// </summary>
    public void WriteConstrainedLength(int length, int lowerBound, int upperBound, string name) =>
        WriteConstrainedWholeNumber(length, lowerBound, upperBound, name);

    /// <summary>
    /// A normally small length (X.691 §11.9.3.4), used for the count of extension additions: a 0 bit
    /// and the length minus one in six bits up to 64, otherwise a 1 bit and the length itself as an
    /// unconstrained length determinant.
    /// </summary>
    public void WriteNormallySmallLength(int length, string name)
    {
        if (length < 1)
        {
            throw OutOfRange(name, length, "a normally small length is at least 1");
        }

        if (length <= 64)
        {
            WriteBit(false);
            WriteBits((ulong)(length - 1), 6);
        }
        else
        {
            WriteBit(true);
            WriteUnconstrainedLengthShort(length);
        }
    }

    /// <summary>
    /// Writes <paramref name="count"/> items under an unconstrained length determinant (X.691
    /// §11.9.3.5-8, UNALIGNED): one octet below 128, two octets below 16K, otherwise fragments of
    /// 16K, 32K, 48K or 64K items each preceded by the octet 0b11xxxxxx, then the remainder (possibly
    /// zero). <paramref name="writeItems"/> writes the items <c>[start, start + length)</c>.
    /// </summary>
    internal void WriteUnconstrainedCount(int count, Action<int, int> writeItems)
    {
        var start = 0;
        while (true)
        {
            var remaining = count - start;
            if (remaining >= FragmentSize)
            {
                var multiple = Math.Min(4, remaining / FragmentSize);
                WriteBits(0xC0UL | (uint)multiple, 8);
                writeItems(start, multiple * FragmentSize);
                start += multiple * FragmentSize;
                continue;
            }

            WriteUnconstrainedLengthShort(remaining);
            writeItems(start, remaining);
            return;
        }
    }

    /// <summary>An unconstrained length determinant below 16K (X.691 §11.9.3.6 and §11.9.3.7).</summary>
    private void WriteUnconstrainedLengthShort(int length)
    {
        if (length < 128)
        {
            WriteBits((ulong)length, 8);
        }
        else if (length < FragmentSize)
        {
            WriteBits(0x8000UL | (uint)length, 16);
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "needs fragmentation");
        }
    }

    /// <summary>
    /// The length or count of a size-constrained string or SEQUENCE OF (X.691 §16.6-16.11, §17.6-17.8,
    /// §20.4-20.6). Returns false when the caller must write the items under an unconstrained
    /// length (<see cref="WriteUnconstrainedCount"/>) instead: an extensible size outside its root
    /// (after the extension bit 1), or an upper bound of 64K or more / none.
    /// </summary>
    internal bool WriteSizeHeader(int size, int minSize, int maxSize, bool extensible, string name)
    {
        var inRoot = size >= minSize && (maxSize < 0 || size <= maxSize);
        if (extensible)
        {
            WriteBit(!inRoot);
            if (!inRoot)
            {
                return false;
            }
        }
        else if (!inRoot)
        {
            var upper = maxSize < 0 ? "MAX" : maxSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw OutOfRange(name, size, $"size outside ({minSize}..{upper})");
        }

        if (maxSize >= 0 && maxSize < 65536)
        {
            // Fixed size: no length at all (§16.9, §17.6, §20.5); otherwise a constrained length.
            if (minSize != maxSize)
            {
                WriteConstrainedLength(size, minSize, maxSize, name);
            }

            return true;
        }

        return false;
    }
}
