using System.Globalization;
using System.Text;

namespace Hardware.Flash;

/// <summary>
/// An ESP32-style partition table: parsed from and written to ESP-IDF's binary form and its CSV
/// form, and validated (labels, alignment, overlaps, flash size). Instances are immutable and
/// always valid: every factory method validates and throws <see cref="PartitionTableException"/>.
/// </summary>
/// <remarks>
/// Format: ESP-IDF Programming Guide, API Guides, "Partition Tables" (v5.x), and the generator
/// components/partition_table/gen_esp32part.py that it documents.
/// </remarks>
public sealed partial class PartitionTable
{
    /// <summary>Default flash offset of the partition table (ESP-IDF CONFIG_PARTITION_TABLE_OFFSET).</summary>
    public const uint DefaultTableOffsetBytes = 0x8000;

    /// <summary>Flash sector reserved for the table.</summary>
    public const uint TableSectorBytes = 0x1000;

    /// <summary>Maximum length of the table data ("Partition table length is 0xC00 bytes").</summary>
    public const int MaxTableBytes = 0xC00;

    /// <summary>Size of one binary entry.</summary>
    public const int EntryBytes = 32;

    /// <summary>Alignment of app (and secure image) partitions: 0x10000 ("Offset" field rules).</summary>
    public const uint AppAlignmentBytes = 0x10000;

    /// <summary>Alignment of other partitions: one 4 KiB flash sector.</summary>
    public const uint DataAlignmentBytes = 0x1000;

    /// <summary>Longest label: 16 bytes in the binary entry.</summary>
    public const int MaxLabelBytes = 16;

    private PartitionTable(IReadOnlyList<PartitionEntry> entries)
    {
        Entries = entries;
    }

    /// <summary>The partitions, in table order.</summary>
    public IReadOnlyList<PartitionEntry> Entries { get; }

    /// <summary>Builds and validates a table from entries.</summary>
    /// <param name="entries">The rows, in table order.</param>
    /// <param name="flashSizeBytes">When given, every partition must end inside the flash.</param>
    /// <exception cref="PartitionTableException">The entries do not form a valid table.</exception>
    public static PartitionTable Create(IEnumerable<PartitionEntry> entries, ulong? flashSizeBytes = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        Validate(list, flashSizeBytes);
        return new PartitionTable(list.AsReadOnly());
    }

    /// <summary>The partition with this label.</summary>
    /// <exception cref="ArgumentException">No partition has this label (a caller's mistake).</exception>
    public PartitionEntry this[string label] =>
        Find(label) ?? throw new ArgumentException($"No partition labelled '{label}'.", nameof(label));

    /// <summary>The partition with this label, or null.</summary>
    public PartitionEntry? Find(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return Entries.FirstOrDefault(e => string.Equals(e.Label, label, StringComparison.Ordinal));
    }

    /// <summary>The first byte past the last partition.</summary>
    public ulong EndBytes => Entries.Count == 0 ? 0 : Entries.Max(e => e.EndBytes);

    private static uint AlignmentOf(byte type) =>
        type is PartitionKinds.AppType or PartitionKinds.SecureType ? AppAlignmentBytes : DataAlignmentBytes;

    private static void Validate(List<PartitionEntry> entries, ulong? flashSizeBytes)
    {
        if ((entries.Count + 1) * EntryBytes > MaxTableBytes)
        {
            throw new PartitionTableException(PartitionTableError.TooLong,
                $"{entries.Count} entries do not fit in {MaxTableBytes} bytes with the MD5 entry.");
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            ValidateLabel(e.Label);
            if (!labels.Add(e.Label))
            {
                throw new PartitionTableException(PartitionTableError.DuplicateLabel, $"Label '{e.Label}' appears twice.");
            }

            if (e.SizeBytes == 0)
            {
                throw new PartitionTableException(PartitionTableError.EmptyPartition, $"Partition '{e.Label}' has size 0.");
            }

            // gen_esp32part.py verify(): offset aligned to the type's alignment; sizes in whole sectors.
            var alignment = AlignmentOf(e.Type);
            if (e.OffsetBytes % alignment != 0 || e.SizeBytes % DataAlignmentBytes != 0)
            {
                throw new PartitionTableException(PartitionTableError.Misaligned, string.Create(CultureInfo.InvariantCulture,
                    $"Partition '{e.Label}' at 0x{e.OffsetBytes:x} size 0x{e.SizeBytes:x} is not aligned to 0x{alignment:x}."));
            }

            if (e.EndBytes > uint.MaxValue + 1UL || (flashSizeBytes is { } flash && e.EndBytes > flash))
            {
                throw new PartitionTableException(PartitionTableError.OutOfFlash, string.Create(CultureInfo.InvariantCulture,
                    $"Partition '{e.Label}' ends at 0x{e.EndBytes:x}, past the flash."));
            }
        }

        var sorted = entries.OrderBy(e => e.OffsetBytes).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].OffsetBytes < sorted[i - 1].EndBytes)
            {
                throw new PartitionTableException(PartitionTableError.Overlap, string.Create(CultureInfo.InvariantCulture,
                    $"Partition '{sorted[i].Label}' at 0x{sorted[i].OffsetBytes:x} overlaps '{sorted[i - 1].Label}', which ends at 0x{sorted[i - 1].EndBytes:x}."));
            }
        }
    }

    private static void ValidateLabel(string label)
    {
        if (string.IsNullOrEmpty(label) || label.Length > MaxLabelBytes || label.Any(c => c < 0x21 || c > 0x7E))
        {
            throw new PartitionTableException(PartitionTableError.BadLabel,
                $"Label '{label}' must be 1 to {MaxLabelBytes} printable ASCII characters.");
        }
    }

    private static string DecodeLabel(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        var bytes = end < 0 ? field : field[..end];
        foreach (var b in bytes)
        {
            if (b < 0x21 || b > 0x7E)
            {
                throw new PartitionTableException(PartitionTableError.BadLabel, "A label holds a byte that is not printable ASCII.");
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }
}
