using System.Globalization;
using System.Text;

namespace Hardware.Flash;

public sealed partial class PartitionTable
{
    /// <summary>
    /// Parses ESP-IDF's CSV form: "Name, Type, SubType, Offset, Size, Flags", '#' comments,
    /// numbers in decimal or 0x hex with optional K/M suffix, an empty offset meaning "next
    /// free offset, aligned for the type" (starting after the table sector), flags separated by ':'.
    /// </summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="tableOffsetBytes">Where the table itself sits (the first automatic offset follows its sector).</param>
    /// <param name="flashSizeBytes">When given, partitions must end inside the flash.</param>
    /// <exception cref="PartitionTableException">A row cannot be read or the table is not valid.</exception>
    public static PartitionTable ParseCsv(string csv, uint tableOffsetBytes = DefaultTableOffsetBytes, ulong? flashSizeBytes = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var entries = new List<PartitionEntry>();
        ulong next = (ulong)tableOffsetBytes + TableSectorBytes;
        var lineNumber = 0;
        foreach (var rawLine in csv.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cols = line.Split(',').Select(c => c.Trim()).ToArray();
            if (cols.Length < 5)
            {
                throw CsvError(lineNumber, "needs at least 5 columns (Name, Type, SubType, Offset, Size)");
            }

            if (!PartitionKinds.TryParseType(cols[1], out var type))
            {
                throw CsvError(lineNumber, $"unknown type '{cols[1]}'");
            }

            if (!PartitionKinds.TryParseSubtype(type, cols[2], out var subtype))
            {
                throw CsvError(lineNumber, $"unknown subtype '{cols[2]}'");
            }

            var alignment = AlignmentOf(type);
            ulong offset;
            if (cols[3].Length == 0)
            {
                offset = (next + alignment - 1) / alignment * alignment;
            }
            else
            {
                offset = ParseSize(cols[3], lineNumber);
            }

            var size = ParseSize(cols[4], lineNumber);
            var flags = ParseFlags(cols.Length > 5 ? cols[5] : string.Empty, lineNumber);
            if (offset > uint.MaxValue || size > uint.MaxValue)
            {
                throw new PartitionTableException(PartitionTableError.OutOfFlash, $"Line {lineNumber}: offset or size past 4 GiB.");
            }

            // A label longer than 16 bytes is rejected by Create (BadLabel).
            entries.Add(new PartitionEntry(cols[0], type, subtype, (uint)offset, (uint)size, flags));
            next = offset + size;
        }

        return Create(entries, flashSizeBytes);
    }

    /// <summary>Writes the CSV form with explicit hex offsets and sizes.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append("# Name, Type, SubType, Offset, Size, Flags\n");
        foreach (var e in Entries)
        {
            var flags = new List<string>();
            if (e.Flags.HasFlag(PartitionFlags.Encrypted))
            {
                flags.Add("encrypted");
            }

            if (e.Flags.HasFlag(PartitionFlags.ReadOnly))
            {
                flags.Add("readonly");
            }

            sb.Append(CultureInfo.InvariantCulture,
                $"{e.Label}, {PartitionKinds.TypeName(e.Type)}, {PartitionKinds.SubtypeName(e.Type, e.Subtype)}, 0x{e.OffsetBytes:x}, 0x{e.SizeBytes:x}, {string.Join(':', flags)}\n");
        }

        return sb.ToString();
    }

    private static ulong ParseSize(string text, int lineNumber)
    {
        var t = text.Trim();
        ulong multiplier = 1;
        if (t.EndsWith('K') || t.EndsWith('k'))
        {
            multiplier = 1024;
            t = t[..^1];
        }
        else if (t.EndsWith('M') || t.EndsWith('m'))
        {
            multiplier = 1024 * 1024;
            t = t[..^1];
        }

        bool ok;
        ulong value;
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            ok = ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        else
        {
            ok = ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        if (!ok || value > uint.MaxValue)
        {
            throw CsvError(lineNumber, $"'{text}' is not a size");
        }

        return value * multiplier;
    }

    private static PartitionFlags ParseFlags(string text, int lineNumber)
    {
        var flags = PartitionFlags.None;
        foreach (var part in text.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            flags |= part switch
            {
                "encrypted" => PartitionFlags.Encrypted,
                "readonly" => PartitionFlags.ReadOnly,
                _ => throw CsvError(lineNumber, $"unknown flag '{part}'"),
            };
        }

        return flags;
    }

    private static PartitionTableException CsvError(int lineNumber, string what) =>
        new(PartitionTableError.BadCsv, $"Line {lineNumber}: {what}.");
}
