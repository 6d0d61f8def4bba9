namespace V2x.Per;

public sealed partial class UperReader
{
    /// <summary>A length with a PER-visible upper bound below 64K: X.691 §11.9.4.1.</summary>
    public int ReadConstrainedLength(int lowerBound, int upperBound, string name) =>
        (int)ReadConstrainedWholeNumber(lowerBound, upperBound, name);

    /// <summary>
    /// Reads items under an unconstrained length determinant (X.691 §11.9.3.5-8), following the
    /// 16K fragments; <paramref name="readItems"/> reads <c>count</c> items starting at item
    /// <c>start</c>. Every item takes at least <paramref name="minimumItemBits"/> bits, which bounds
    /// the count by the input left before anything is allocated.
    /// </summary>
    internal int ReadUnconstrainedCount(string name, int minimumItemBits, Action<int, int> readItems)
    {
        var total = 0;
        while (true)
        {
            var first = (int)ReadBits(8, name);
            int count;
            var last = true;
            if ((first & 0x80) == 0)
            {
                count = first;
            }
            else if ((first & 0xC0) == 0x80)
            {
                count = ((first & 0x3F) << 8) | (int)ReadBits(8, name);
            }
            else
            {
                var multiple = first & 0x3F;
                if (multiple is < 1 or > 4)
                {
                    throw Error(name, $"bad length fragment multiplier {multiple} (X.691 §11.9.3.8 allows 1 to 4)");
                }

                count = multiple * UperWriter.FragmentSize;
                last = false;
            }

            if ((long)count * minimumItemBits > RemainingBits)
            {
                throw Error(name, $"truncated: length {count} exceeds the input left");
            }

            readItems(total, count);
            total += count;
            if (last)
            {
                return total;
            }
        }
    }

    /// <summary>A normally small length (X.691 §11.9.3.4): a 0 bit and six bits (length minus one), or a 1 bit and an unconstrained length.</summary>
    public int ReadNormallySmallLength(string name)
    {
        if (!ReadBit(name))
        {
            return (int)ReadBits(6, name) + 1;
        }

        var length = ReadUnconstrainedLengthShort(name);
        if (length <= 64)
        {
            throw Error(name, $"normally small length {length} must use the short form");
        }

        return length;
    }

    /// <summary>An unconstrained length below 16K, as used for integer octet counts (X.691 §11.9.3.6-7).</summary>
    private int ReadUnconstrainedLengthShort(string name)
    {
        var first = (int)ReadBits(8, name);
        if ((first & 0x80) == 0)
        {
            return first;
        }

        if ((first & 0xC0) == 0x80)
        {
            return ((first & 0x3F) << 8) | (int)ReadBits(8, name);
        }

        throw Error(name, "fragmented length where a short length is required");
    }

    /// <summary>
    /// The size of a size-constrained string or SEQUENCE OF (X.691 §16, §17, §20). Returns the size,
    /// or -1 when the items follow under an unconstrained length (extension bit set, or no upper
    /// bound below 64K).
    /// </summary>
    internal int ReadSizeHeader(int minSize, int maxSize, bool extensible, string name)
    {
        if (extensible && ReadBit(name))
        {
            return -1;
        }

        if (maxSize >= 0 && maxSize < 65536)
        {
            return minSize == maxSize ? minSize : ReadConstrainedLength(minSize, maxSize, name);
        }

        return -1;
    }

    /// <summary>Checks a size read under an unconstrained length against the type's constraint.</summary>
    private void CheckUnconstrainedSize(int size, int minSize, int maxSize, bool extensible, string name)
    {
        var inRoot = size >= minSize && (maxSize < 0 || size <= maxSize);
        if (extensible && maxSize >= 0 && maxSize < 65536)
        {
            if (inRoot)
            {
                throw Error(name, $"size {size} is in the root but encoded as an extension");
            }

            return;
        }

        if (!inRoot)
        {
            throw Error(name, $"size {size} outside ({minSize}..{(maxSize < 0 ? "MAX" : maxSize)})");
        }
    }
}
