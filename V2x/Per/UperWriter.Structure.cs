namespace V2x.Per;

public sealed partial class UperWriter
{
    /// <summary>
    /// ENUMERATED: X.691 §14. A root value is its index among the root values sorted by value, as a
    /// constrained whole number (§14.2-14.3), preceded by a 0 extension bit when the type is
    /// extensible; an extension addition (<paramref name="index"/> ≥ <paramref name="rootCount"/>) is a
    /// 1 bit and its index among the additions as a normally small number (§14.3).
    /// </summary>
    public void WriteEnumerated(int index, int rootCount, bool extensible, string name)
    {
        if (index < 0 || (!extensible && index >= rootCount))
        {
            throw OutOfRange(name, index, $"not one of the {rootCount} enumeration values");
        }

        if (extensible)
        {
            WriteBit(index >= rootCount);
        }

        if (index < rootCount)
        {
            WriteConstrainedWholeNumber(index, 0, rootCount - 1, name);
        }
        else
        {
            WriteNormallySmallNonNegativeWholeNumber(index - rootCount, name);
        }
    }

    /// <summary>
    /// The index of a root alternative of a CHOICE: X.691 §23, a 0 extension bit when the type is
    /// extensible (§23.5), then the index as a constrained whole number (none for a single
    /// alternative, §23.6-23.7). The alternative's own encoding follows.
    /// </summary>
    public void WriteChoiceIndex(int index, int rootCount, bool extensible, string name)
    {
        if (index < 0 || index >= rootCount)
        {
            throw OutOfRange(name, index, $"not one of the {rootCount} root alternatives");
        }

        if (extensible)
        {
            WriteBit(false);
        }

        WriteConstrainedWholeNumber(index, 0, rootCount - 1, name);
    }

    /// <summary>
    /// An extension alternative of an extensible CHOICE: X.691 §23.8, a 1 extension bit, the index
    /// among the extension additions as a normally small number, then the value as an open type.
    /// </summary>
    public void WriteChoiceExtension(int extensionIndex, Action<UperWriter> encode, string name)
    {
        ArgumentNullException.ThrowIfNull(encode);
        WriteBit(true);
        WriteNormallySmallNonNegativeWholeNumber(extensionIndex, name);
        WriteOpenType(encode, name);
    }

    /// <summary>
    /// An open type (X.691 §11.2): the complete encoding of the value (§11.1, at least one octet)
    /// written as an octet string with an unconstrained length determinant.
    /// </summary>
    public void WriteOpenType(Action<UperWriter> encode, string name)
    {
        ArgumentNullException.ThrowIfNull(encode);
        var inner = new UperWriter(_path);
        using (Field(name))
        {
            encode(inner);
        }

        var octets = inner.ToArray();
        WriteUnconstrainedCount(octets.Length, (start, count) => WriteOctets(octets.AsSpan(start, count)));
    }

    /// <summary>
    /// An open type whose complete encoding the caller already holds (X.691 §11.2): the octets under an
    /// unconstrained length determinant, at least one octet (a complete encoding is never empty, §11.1).
    /// </summary>
    public void WriteOpenTypeOctets(ReadOnlySpan<byte> completeEncoding, string name)
    {
        if (completeEncoding.IsEmpty)
        {
            throw OutOfRange(name, 0, "an open type holds a complete encoding of at least one octet");
        }

        var octets = completeEncoding.ToArray();
        WriteUnconstrainedCount(octets.Length, (start, count) => WriteOctets(octets.AsSpan(start, count)));
    }

    /// <summary>
    /// The extension additions of a SEQUENCE whose extension bit was written as 1: X.691 §19.7-19.9,
    /// the number of additions as a normally small length (§11.9.3.4), one presence bit per
    /// addition, then each present addition as an open type.
    /// <paramref name="additions"/> holds one entry per extension addition of the type, null when absent.
    /// </summary>
    public void WriteExtensionAdditions(IReadOnlyList<Action<UperWriter>?> additions, string name)
    {
        ArgumentNullException.ThrowIfNull(additions);
        if (additions.Count == 0 || additions.All(a => a is null))
        {
            throw new ArgumentException("the extension bit is only set when an addition is present", nameof(additions));
        }

        WriteNormallySmallLength(additions.Count, name);
        foreach (var addition in additions)
        {
            WriteBit(addition is not null);
        }

        for (var i = 0; i < additions.Count; i++)
        {
            if (additions[i] is { } encode)
            {
                WriteOpenType(encode, $"{name}[{i}]");
            }
        }
    }

    /// <summary>
    /// SEQUENCE OF with <c>SIZE(minSize..maxSize[, ...])</c>: X.691 §20, the count (§20.4-20.6) then
    /// each item; <paramref name="maxSize"/> -1 means no upper bound.
    /// </summary>
    public void WriteSequenceOf<T>(IReadOnlyList<T> items, int minSize, int maxSize, bool extensible, Action<UperWriter, T> writeItem, string name)
    {
        Require(items, name);
        ArgumentNullException.ThrowIfNull(writeItem);
        void WriteRange(int start, int count)
        {
            for (var i = start; i < start + count; i++)
            {
                using (Field($"{name}[{i}]"))
                {
                    writeItem(this, items[i]);
                }
            }
        }

        if (WriteSizeHeader(items.Count, minSize, maxSize, extensible, name))
        {
            WriteRange(0, items.Count);
            return;
        }

        WriteUnconstrainedCount(items.Count, WriteRange);
    }
}
