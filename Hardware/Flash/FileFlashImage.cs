using Microsoft.Win32.SafeHandles;

namespace Hardware.Flash;

/// <summary>
/// Flash held in one image file, laid out by the ESP32-style partition table stored inside it
/// at <see cref="PartitionTable.DefaultTableOffsetBytes"/>. The simulated board's flash; also a
/// Linux board's view of a flashed image file. Thread-safe: positional reads and writes.
/// Writes reach the operating system at once (a killed process loses nothing it wrote);
/// <see cref="Flush"/> forces them to the medium.
/// </summary>
public sealed class FileFlashImage : IFlashImage, IDisposable
{
    // 1 MiB of erased NOR flash (every bit 1), shared read-only by every image: creating and erasing write from it
    // instead of each allocating its own (a bench of 100 OBUs builds a flash image per OBU).
    private static readonly byte[] Erased = CreateErased();
    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;

    private FileFlashImage(FileStream file, PartitionTable partitions)
    {
        _file = file;
        _handle = file.SafeFileHandle;
        Partitions = partitions;
    }

    /// <inheritdoc />
    public PartitionTable Partitions { get; }

    /// <summary>Size of the whole flash.</summary>
    public long FlashSizeBytes => RandomAccess.GetLength(_handle);

    /// <summary>Path of the image file.</summary>
    public string Path => _file.Name;

    /// <summary>
    /// Creates (or overwrites) an erased image file of the given size and writes the table's
    /// binary form at the table offset.
    /// </summary>
    public static FileFlashImage Create(string path, long flashSizeBytes, PartitionTable partitions,
        uint tableOffsetBytes = PartitionTable.DefaultTableOffsetBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentOutOfRangeException.ThrowIfLessThan(flashSizeBytes, (long)tableOffsetBytes + PartitionTable.TableSectorBytes);
        if (partitions.EndBytes > (ulong)flashSizeBytes)
        {
            throw new ArgumentException("The partitions do not fit in the flash.", nameof(partitions));
        }

        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            file.SetLength(flashSizeBytes);
            for (long at = 0; at < flashSizeBytes; at += Erased.Length)
            {
                var n = (int)Math.Min(Erased.Length, flashSizeBytes - at);
                RandomAccess.Write(file.SafeFileHandle, Erased.AsSpan(0, n), at);
            }

            RandomAccess.Write(file.SafeFileHandle, partitions.ToBinary(), tableOffsetBytes);
            file.Flush(true);
            return new FileFlashImage(file, partitions);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing image file and reads its partition table.</summary>
    /// <exception cref="PartitionTableException">The stored table is not valid.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static FileFlashImage Open(string path, uint tableOffsetBytes = PartitionTable.DefaultTableOffsetBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var length = file.Length;
            if (length < tableOffsetBytes + PartitionTable.MaxTableBytes)
            {
                throw new PartitionTableException(PartitionTableError.Truncated, "The image file ends before its partition table.");
            }

            var table = new byte[PartitionTable.MaxTableBytes];
            RandomAccess.Read(file.SafeFileHandle, table, tableOffsetBytes);
            var partitions = PartitionTable.ParseBinary(table, requireMd5: true, flashSizeBytes: (ulong)length);
            return new FileFlashImage(file, partitions);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Stream OpenRead(string label) =>
        // 1 MiB read-ahead: a hash over a stream reads in small blocks, each a pread(2) otherwise.
        new BufferedStream(new PartitionStream(this, Partitions[label]), 1 << 20);

    /// <inheritdoc />
    public void Read(string label, long offsetBytes, Span<byte> destination)
    {
        var p = Partitions[label];
        CheckRange(p, offsetBytes, destination.Length);
        ReadAbsolute(p.OffsetBytes + offsetBytes, destination);
    }

    /// <inheritdoc />
    public void Write(string label, long offsetBytes, ReadOnlySpan<byte> source)
    {
        var p = Partitions[label];
        CheckRange(p, offsetBytes, source.Length);
        RandomAccess.Write(_handle, source, p.OffsetBytes + offsetBytes);
    }

    /// <inheritdoc />
    public void Erase(string label, long offsetBytes, long lengthBytes)
    {
        var p = Partitions[label];
        FlashRanges.CheckErase(p, offsetBytes, lengthBytes);
        for (long at = 0; at < lengthBytes; at += Erased.Length)
        {
            var n = (int)Math.Min(Erased.Length, lengthBytes - at);
            RandomAccess.Write(_handle, Erased.AsSpan(0, n), p.OffsetBytes + offsetBytes + at);
        }
    }

    /// <summary>Reads raw flash bytes at an absolute offset (whole-flash scans).</summary>
    public void ReadAbsolute(long flashOffsetBytes, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flashOffsetBytes);
        if (flashOffsetBytes + destination.Length > FlashSizeBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(flashOffsetBytes), "The read runs past the end of the flash.");
        }

        var done = 0;
        while (done < destination.Length)
        {
            var n = RandomAccess.Read(_handle, destination[done..], flashOffsetBytes + done);
            if (n == 0)
            {
                throw new EndOfStreamException("The image file is shorter than its flash size.");
            }

            done += n;
        }
    }

    /// <summary>Forces written bytes to the storage medium (fsync).</summary>
    public void Flush() => _file.Flush(true);

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private static byte[] CreateErased()
    {
        var erased = new byte[1 << 20];
        erased.AsSpan().Fill(0xFF);
        return erased;
    }

    private static void CheckRange(PartitionEntry p, long offsetBytes, int length) => FlashRanges.Check(p, offsetBytes, length);
}
