using System;
using System.Collections;
using Firmware.Nano.Oer;

namespace Firmware.Nano.Boot;

/// <summary>
/// The ESP-IDF partition table as the MCU reads it from flash (ESP-IDF "Partition Tables"; gen_esp32part.py;
/// the format <c>Hardware/Flash/PartitionTable.Binary.cs</c> writes): 32-octet entries of magic AA 50, type,
/// subtype, offset and size (u32 little-endian), a NUL-padded 16-octet label and flags, then an MD5 entry
/// (EB EB) and 0xFF fill, within 0xC00 octets at flash offset 0x8000. The MD5 is not checked here (the MCU
/// has no MD5): the whole table is measured against the signed manifest before any entry is trusted.
/// </summary>
public sealed class PartitionTable
{
    /// <summary>Flash offset of the table (CONFIG_PARTITION_TABLE_OFFSET default).</summary>
    public const uint DefaultOffset = 0x8000;

    /// <summary>Largest table (ESP-IDF: 0xC00 octets).</summary>
    public const int MaxBytes = 0xC00;

    private const int EntryBytes = 32;

    private readonly PartitionEntry[] _entries;

    private PartitionTable(PartitionEntry[] entries)
    {
        _entries = entries;
    }

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Length;

    /// <summary>Entry <paramref name="index"/>.</summary>
    public PartitionEntry this[int index] => _entries[index];

    /// <summary>The entry labelled <paramref name="label"/>, or null.</summary>
    public PartitionEntry Find(string label)
    {
        foreach (var e in _entries)
        {
            if (e.Label == label)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Parses a binary table (usually <see cref="MaxBytes"/> octets read at <see cref="DefaultOffset"/>).</summary>
    /// <exception cref="MalformedDataException">A bad magic, a bad label, overlapping or out-of-flash entries.</exception>
    public static PartitionTable Parse(byte[] table, uint flashSizeBytes)
    {
        if (table == null)
        {
            throw new ArgumentNullException(nameof(table));
        }

        var list = new ArrayList();
        for (var at = 0; at + EntryBytes <= table.Length && at < MaxBytes; at += EntryBytes)
        {
            if (table[at] == 0xEB && table[at + 1] == 0xEB)
            {
                break;
            }

            if (table[at] == 0xFF && table[at + 1] == 0xFF)
            {
                break;
            }

            if (table[at] != 0xAA || table[at + 1] != 0x50)
            {
                throw new MalformedDataException("PartitionTable.entry", "bad magic at octet " + at);
            }

            var offset = ReadU32Le(table, at + 4);
            var size = ReadU32Le(table, at + 8);
            if (size == 0 || (ulong)offset + size > flashSizeBytes)
            {
                throw new MalformedDataException("PartitionTable.entry", "entry at octet " + at + " lies outside the flash");
            }

            list.Add(new PartitionEntry(ReadLabel(table, at + 12), table[at + 2], table[at + 3], offset, size));
        }

        var entries = new PartitionEntry[list.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = (PartitionEntry)list[i];
            for (var j = 0; j < i; j++)
            {
                var a = entries[i];
                var b = entries[j];
                if (a.Label == b.Label)
                {
                    throw new MalformedDataException("PartitionTable.label", "label " + a.Label + " appears twice");
                }

                if (a.Offset < b.Offset + b.Size && b.Offset < a.Offset + a.Size)
                {
                    throw new MalformedDataException("PartitionTable.offset", a.Label + " overlaps " + b.Label);
                }
            }
        }

        return new PartitionTable(entries);
    }

    private static uint ReadU32Le(byte[] b, int at) => b[at] | ((uint)b[at + 1] << 8) | ((uint)b[at + 2] << 16) | ((uint)b[at + 3] << 24);

    private static string ReadLabel(byte[] b, int at)
    {
        var length = 0;
        while (length < 16 && b[at + length] != 0)
        {
            length++;
        }

        if (length == 0)
        {
            throw new MalformedDataException("PartitionTable.label", "empty label");
        }

        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var c = b[at + i];
            if (c < 0x21 || c >= 0x7F)
            {
                throw new MalformedDataException("PartitionTable.label", "label is not printable ASCII");
            }

            chars[i] = (char)c;
        }

        return new string(chars);
    }
}
