using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hardware.Flash;

public sealed partial class PartitionTable
{
    // ESP-IDF "Partition Tables" / gen_esp32part.py: each entry is
    //   magic u16 (bytes AA 50) | type u8 | subtype u8 | offset u32 LE | size u32 LE |
    //   label[16] NUL-padded | flags u32 LE
    // followed by an MD5 entry (bytes EB EB, fourteen FF, then the MD5 of all entry bytes before
    // it) and 0xFF fill up to 0xC00 bytes.
    private static readonly byte[] EntryMagic = [0xAA, 0x50];
    private static readonly byte[] Md5Magic = [0xEB, 0xEB];

    /// <summary>Parses the binary form (as flashed at 0x8000).</summary>
    /// <param name="table">The table bytes: at least up to the end marker; 0xC00 or a whole sector is typical.</param>
    /// <param name="requireMd5">Reject a table without the MD5 entry (ESP-IDF writes it by default).</param>
    /// <param name="flashSizeBytes">When given, partitions must end inside the flash.</param>
    /// <exception cref="PartitionTableException">The bytes are not a valid table.</exception>
    public static PartitionTable ParseBinary(ReadOnlySpan<byte> table, bool requireMd5 = true, ulong? flashSizeBytes = null)
    {
        var entries = new List<PartitionEntry>();
        var sawMd5 = false;
        var position = 0;
        while (position < table.Length)
        {
            if (position >= MaxTableBytes)
            {
                if (table[position..].IndexOfAnyExcept((byte)0xFF) >= 0 && !sawMd5)
                {
                    throw new PartitionTableException(PartitionTableError.TooLong, "No end of table within 0xC00 bytes.");
                }

                break;
            }

            if (table.Length - position < EntryBytes)
            {
                if (table[position..].IndexOfAnyExcept((byte)0xFF) < 0)
                {
                    break;
                }

                throw new PartitionTableException(PartitionTableError.Truncated,
                    $"The table ends inside the entry at byte {position}.");
            }

            var entry = table.Slice(position, EntryBytes);
            if (entry[..2].SequenceEqual(EntryMagic))
            {
                if (sawMd5)
                {
                    throw new PartitionTableException(PartitionTableError.BadMagic, "An entry follows the MD5 entry.");
                }

                entries.Add(DecodeEntry(entry));
            }
            else if (entry[..2].SequenceEqual(Md5Magic))
            {
                // gen_esp32part.py from_binary: MD5 of every byte before the MD5 entry.
                var md5 = MD5.HashData(table[..position]);
                if (entry[2..16].IndexOfAnyExcept((byte)0xFF) >= 0 || !entry[16..].SequenceEqual(md5))
                {
                    throw new PartitionTableException(PartitionTableError.BadMd5, "The MD5 entry does not match the table.");
                }

                sawMd5 = true;
            }
            else if (entry.IndexOfAnyExcept((byte)0xFF) < 0)
            {
                break;
            }
            else
            {
                throw new PartitionTableException(PartitionTableError.BadMagic,
                    $"The entry at byte {position} starts with 0x{entry[0]:X2}{entry[1]:X2}.");
            }

            position += EntryBytes;
        }

        if (requireMd5 && !sawMd5)
        {
            throw new PartitionTableException(PartitionTableError.BadMd5, "The table has no MD5 entry.");
        }

        return Create(entries, flashSizeBytes);
    }

    /// <summary>Writes the binary form: entries, the MD5 entry, 0xFF fill to 0xC00 bytes (as gen_esp32part.py does).</summary>
    public byte[] ToBinary()
    {
        var result = new byte[MaxTableBytes];
        result.AsSpan().Fill(0xFF);
        var position = 0;
        foreach (var e in Entries)
        {
            EncodeEntry(e, result.AsSpan(position, EntryBytes));
            position += EntryBytes;
        }

        var md5Entry = result.AsSpan(position, EntryBytes);
        Md5Magic.CopyTo(md5Entry);
        MD5.HashData(result.AsSpan(0, position), md5Entry[16..]);
        return result;
    }

    private static PartitionEntry DecodeEntry(ReadOnlySpan<byte> entry)
    {
        var label = DecodeLabel(entry.Slice(12, 16));
        return new PartitionEntry(
            label,
            entry[2],
            entry[3],
            BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]),
            (PartitionFlags)BinaryPrimitives.ReadUInt32LittleEndian(entry[28..]));
    }

    private static void EncodeEntry(PartitionEntry e, Span<byte> entry)
    {
        EntryMagic.CopyTo(entry);
        entry[2] = e.Type;
        entry[3] = e.Subtype;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], e.OffsetBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], e.SizeBytes);
        entry.Slice(12, 16).Clear();
        Encoding.ASCII.GetBytes(e.Label, entry.Slice(12, 16));
        BinaryPrimitives.WriteUInt32LittleEndian(entry[28..], (uint)e.Flags);
    }
}
