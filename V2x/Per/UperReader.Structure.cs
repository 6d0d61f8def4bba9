namespace V2x.Per;

public sealed partial class UperReader
{
    /// <summary>
    /// ENUMERATED (X.691 §14): returns the root index, or <paramref name="rootCount"/> plus the
    /// extension index for one of the <paramref name="knownExtensionCount"/> known extension
    /// additions. An unknown extension value cannot be represented and is rejected.
    /// </summary>
    public int ReadEnumerated(int rootCount, bool extensible, int knownExtensionCount, string name)
    {
        if (extensible && ReadBit(name))
        {
            var extension = ReadNormallySmallNonNegativeWholeNumber(name);
            if (extension >= knownExtensionCount)
            {
                throw Error(name, $"unknown enumeration extension value {extension}");
            }

            return rootCount + (int)extension;
        }

        return (int)ReadConstrainedWholeNumber(0, rootCount - 1, name);
    }

    /// <summary>The alternative of a CHOICE (X.691 §23): a root index, or an extension index whose value follows as an open type.</summary>
    public PerChoice ReadChoiceIndex(int rootCount, bool extensible, string name)
    {
        if (extensible && ReadBit(name))
        {
            var index = ReadNormallySmallNonNegativeWholeNumber(name);
            if (index > int.MaxValue)
            {
                throw Error(name, $"choice extension index {index} too large");
            }

            return new PerChoice(true, (int)index);
        }

        return new PerChoice(false, (int)ReadConstrainedWholeNumber(0, rootCount - 1, name));
    }

    /// <summary>
    /// Decodes an open type (X.691 §11.2): the octets under an unconstrained length must hold exactly
    /// one complete encoding of the value (only zero padding after it).
    /// </summary>
    public T ReadOpenType<T>(Func<UperReader, T> decode, string name)
    {
        ArgumentNullException.ThrowIfNull(decode);
        var start = _baseByteOffset + (_bitPosition >> 3);
        var octets = ReadUnconstrainedOctets(name);
        var inner = new UperReader(octets, _path, start);
        using (Field(name))
        {
            var value = decode(inner);
            inner.ExpectEnd();
            return value;
        }
    }

    /// <summary>Skips an open type whose content is not known (X.691 §11.2); it must still be at least one octet.</summary>
    public void SkipOpenType(string name) => ReadOpenTypeOctets(name);

    /// <summary>
    /// The octets of an open type kept as they are (X.691 §11.2): the complete encoding of a value whose type
    /// the caller does not decode here (an information-object-set member it does not know, a container it
    /// passes on), at least one octet.
    /// </summary>
    public byte[] ReadOpenTypeOctets(string name)
    {
        var octets = ReadUnconstrainedOctets(name);
        if (octets.Length == 0)
        {
            throw Error(name, "empty open type (a complete encoding has at least one octet)");
        }

        return octets;
    }

    /// <summary>
    /// The extension additions of a SEQUENCE whose extension bit was 1 (X.691 §19.7-19.9): reads the
    /// count and the presence bit-map, decodes each present known addition with
    /// <paramref name="readKnown"/> (given its index and a reader over its open type) and skips the
    /// unknown ones. A bit-map with no addition present is rejected: the encoder sets the extension
    /// bit only when an addition is present.
    /// </summary>
    public void ReadExtensionAdditions(int knownCount, Action<int, UperReader> readKnown, string name)
    {
        ArgumentNullException.ThrowIfNull(readKnown);
        var count = ReadNormallySmallLength(name);
        if (count > RemainingBits)
        {
            throw Error(name, $"truncated: {count} extension additions announced");
        }

        var present = new bool[count];
        for (var i = 0; i < count; i++)
        {
            present[i] = ReadBit(name);
        }

        if (!present.Contains(true))
        {
            throw Error(name, "extension bit set but no extension addition present");
        }

        for (var i = 0; i < count; i++)
        {
            if (!present[i])
            {
                continue;
            }

            if (i < knownCount)
            {
                var index = i;
                ReadOpenType(inner =>
                {
                    readKnown(index, inner);
                    return true;
                }, $"{name}[{i}]");
            }
            else
            {
                SkipOpenType($"{name}[{i}]");
            }
        }
    }

    /// <summary>Skips the extension additions of a SEQUENCE that knows none (X.691 §19.9).</summary>
    public void SkipExtensionAdditions(string name) => ReadExtensionAdditions(0, static (_, _) => { }, name);

    /// <summary>
    /// SEQUENCE OF with <c>SIZE(minSize..maxSize[, ...])</c> (X.691 §20); -1 for no upper bound.
    /// Every item must take at least one bit, which bounds the count by the input left.
    /// </summary>
    public SequenceOf<T> ReadSequenceOf<T>(int minSize, int maxSize, bool extensible, Func<UperReader, T> readItem, string name)
    {
        ArgumentNullException.ThrowIfNull(readItem);
        var items = new List<T>();
        void ReadRange(int start, int count)
        {
            for (var i = start; i < start + count; i++)
            {
                using (Field($"{name}[{i}]"))
                {
                    items.Add(readItem(this));
                }
            }
        }

        var size = ReadSizeHeader(minSize, maxSize, extensible, name);
        if (size >= 0)
        {
            if (size > RemainingBits)
            {
                throw Error(name, $"truncated: {size} items announced");
            }

            ReadRange(0, size);
        }
        else
        {
            var total = ReadUnconstrainedCount(name, 1, ReadRange);
            CheckUnconstrainedSize(total, minSize, maxSize, extensible, name);
        }

        return new SequenceOf<T>(items);
    }
}
