using System.Buffers.Binary;
using Hardware.Files;
using Hardware.Flash;

namespace Hardware.Storage;

/// <summary>
/// Durable key/value records as files in a directory (the Linux board). Atomic replace by the
/// POSIX protocol: write a temporary file, fsync it, rename(2) it over the old one, fsync the
/// directory (rename(2): "If newpath already exists, it will be atomically replaced"). Each file
/// holds "DREC", the value length u32 LE, CRC-32 u32 LE of the value, then the value, so a
/// corrupted file is reported rather than read. Thread-safe.
/// </summary>
public sealed class FileDurableStore : IDurableStore
{
    private const string Extension = ".rec";
    private const string TempMarker = ".tmp-";
    private const int HeaderBytes = 12;
    private static readonly byte[] Magic = "DREC"u8.ToArray();
    private readonly string _directory;
    private readonly Lock _lock = new();

    /// <summary>Opens (creating it when missing) the store directory and removes temporary files a killed writer left.</summary>
    public FileDurableStore(string directory)
        : this(directory, removeStaleTemporaryFiles: true)
    {
    }

    /// <summary>
    /// Opens the store directory. Only its owner removes stale temporary files: another process that
    /// writes a record of its own beside a running owner (the update installer's pending-update
    /// record) passes false, or it could delete a temporary file the owner is about to rename.
    /// </summary>
    public FileDurableStore(string directory, bool removeStaleTemporaryFiles)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
        if (!removeStaleTemporaryFiles)
        {
            return;
        }

        foreach (var stale in Directory.EnumerateFiles(_directory, "*" + TempMarker + "*"))
        {
            File.Delete(stale);
        }
    }

    /// <inheritdoc />
    public byte[]? Read(string key)
    {
        StoreKeys.Validate(key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(PathOf(key));
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        if (bytes.Length < HeaderBytes || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new StorageException($"Record '{key}' has no valid header.");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (length != bytes.Length - HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)) != Crc32.Compute(bytes.AsSpan(HeaderBytes)))
        {
            throw new StorageException($"Record '{key}' is corrupted (length or CRC-32 mismatch).");
        }

        return bytes[HeaderBytes..];
    }

    /// <inheritdoc />
    public void Write(string key, ReadOnlySpan<byte> value)
    {
        StoreKeys.Validate(key);
        var content = new byte[HeaderBytes + value.Length];
        Magic.CopyTo(content, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(content.AsSpan(4), (uint)value.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(content.AsSpan(8), Crc32.Compute(value));
        value.CopyTo(content.AsSpan(HeaderBytes));
        var temp = PathOf(key) + TempMarker + Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            try
            {
                using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    f.Write(content);
                    f.Flush(flushToDisk: true);
                }

                File.Move(temp, PathOf(key), overwrite: true);
            }
            catch
            {
                File.Delete(temp);
                throw;
            }

            SyncDirectory();
        }
    }

    /// <inheritdoc />
    public bool Delete(string key)
    {
        StoreKeys.Validate(key);
        lock (_lock)
        {
            var path = PathOf(key);
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            SyncDirectory();
            return true;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Keys() =>
        Directory.EnumerateFiles(_directory, "*" + Extension)
            .Select(p => Path.GetFileName(p)[..^Extension.Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    private string PathOf(string key) => Path.Combine(_directory, key + Extension);

    // The rename is durable only once the directory entry is: fsync(2) on the directory.
    private void SyncDirectory() => PosixFiles.SyncDirectory(_directory);
}
