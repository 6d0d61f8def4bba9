using Microsoft.Win32.SafeHandles;

namespace Firmware.SecurePartition.BlackBox;

/// <summary>The black box in a preallocated file (a Linux board): same erase-then-write rules as flash. Writes reach the OS at once.</summary>
public sealed class FileBlackBoxMedium : IBlackBoxMedium, IDisposable
{
    private const int SectorBytes = 4096;
    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;

    /// <summary>Opens the file, creating it erased (0xFF) at the given size when missing.</summary>
    /// <exception cref="ArgumentException">The size is not a positive multiple of 4 KiB, or an existing file has another size.</exception>
    public FileBlackBoxMedium(string path, long capacityBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (capacityBytes <= 0 || capacityBytes % SectorBytes != 0)
        {
            throw new ArgumentException("The capacity is a positive multiple of 4 KiB.", nameof(capacityBytes));
        }

        var exists = File.Exists(path);
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        _handle = _file.SafeFileHandle;
        CapacityBytes = capacityBytes;
        if (!exists || _file.Length == 0)
        {
            _file.SetLength(capacityBytes);
            Erase(0, capacityBytes);
        }
        else if (_file.Length != capacityBytes)
        {
            _file.Dispose();
            throw new ArgumentException($"The black-box file holds {new FileInfo(path).Length} bytes, not {capacityBytes}.", nameof(capacityBytes));
        }
    }

    /// <inheritdoc />
    public long CapacityBytes { get; }

    /// <inheritdoc />
    public void Read(long offsetBytes, Span<byte> destination)
    {
        Check(offsetBytes, destination.Length);
        var done = 0;
        while (done < destination.Length)
        {
            var n = RandomAccess.Read(_handle, destination[done..], offsetBytes + done);
            if (n == 0)
            {
                throw new EndOfStreamException("The black-box file is shorter than its capacity.");
            }

            done += n;
        }
    }

    /// <inheritdoc />
    public void Write(long offsetBytes, ReadOnlySpan<byte> source)
    {
        Check(offsetBytes, source.Length);
        RandomAccess.Write(_handle, source, offsetBytes);
    }

    /// <inheritdoc />
    public void Erase(long offsetBytes, long lengthBytes)
    {
        if (offsetBytes % SectorBytes != 0 || lengthBytes % SectorBytes != 0)
        {
            throw new ArgumentException("Erase whole 4 KiB sectors.", nameof(offsetBytes));
        }

        Check(offsetBytes, lengthBytes);
        var erased = new byte[Math.Min(lengthBytes, 1 << 20)];
        erased.AsSpan().Fill(0xFF);
        for (long at = 0; at < lengthBytes; at += erased.Length)
        {
            RandomAccess.Write(_handle, erased.AsSpan(0, (int)Math.Min(erased.Length, lengthBytes - at)), offsetBytes + at);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private void Check(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset + length > CapacityBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "The range runs past the black box.");
        }
    }
}
