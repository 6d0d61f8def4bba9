using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Hardware.Files;

/// <summary>
/// The few POSIX file calls .NET does not offer: statx(2) without following links (inode, ctime),
/// realpath(3), rename(2) of a symbolic link over another, and fsync(2) of a directory (the POSIX
/// way to make a rename or a new entry durable). Linux only (glibc exports statx since 2.28).
/// </summary>
public static partial class PosixFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;
    private const int StatxBytes = 256;
    private const int PathMax = 4096;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    /// <summary>
    /// statx(2) of a path with AT_SYMLINK_NOFOLLOW; null when it does not exist. The stamp's path is
    /// <paramref name="relativePath"/>; <paramref name="nowNs"/> is the kernel clock for the racy rule.
    /// </summary>
    /// <exception cref="IOException">statx failed for another reason than a missing entry.</exception>
    public static FileStamp? Stat(string path, string relativePath, long nowNs, TimeSpan racyWindow)
    {
        ArgumentNullException.ThrowIfNull(path);
        Span<byte> buffer = stackalloc byte[StatxBytes];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is ENOENT or ENOTDIR ? null : throw new IOException($"statx({path}) failed: errno {errno}.");
        }

        // struct statx (include/uapi/linux/stat.h): the layout is the same on every architecture.
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[0x1C..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        var changed = Nanoseconds(buffer[0x60..]);
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[0x88..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[0x8C..]);
        return new FileStamp(relativePath, kind, (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[0x28..]), (uint)(mode & 0xFFF),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer[0x20..]), device, Nanoseconds(buffer[0x70..]), changed,
            changed < nowNs - (long)(racyWindow.Ticks * 100));
    }

    /// <summary>The kernel's wall clock (CLOCK_REALTIME, the clock that stamps mtime and ctime), in nanoseconds since 1970.</summary>
    public static long KernelNowNs()
    {
        // DateTime.UtcNow reads CLOCK_REALTIME on Linux: the same clock the kernel stamps files with.
        // It is compared only with file timestamps, never used for the IDF's own timing (the board's TimeProvider).
        return (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    }

    /// <summary>realpath(3): the absolute path with every symbolic link resolved.</summary>
    /// <exception cref="IOException">The path does not resolve.</exception>
    public static string RealPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var buffer = new byte[PathMax + 1];
        if (RealPathNative(path, ref buffer[0]) == IntPtr.Zero)
        {
            throw new IOException($"realpath({path}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0));
    }

    /// <summary>
    /// rename(2): atomically replaces <paramref name="to"/> (a file or a symbolic link, which is not
    /// followed) with <paramref name="from"/> ("If newpath already exists, it will be atomically replaced").
    /// </summary>
    /// <exception cref="IOException">rename failed.</exception>
    public static void Rename(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (RenameNative(from, to) != 0)
        {
            throw new IOException($"rename({from}, {to}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>fsync(2) of a directory, so the entries created, renamed or removed in it are durable.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void SyncDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, 0x10000 /* O_RDONLY | O_DIRECTORY */);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static long Nanoseconds(ReadOnlySpan<byte> timestamp) =>
        (BinaryPrimitives.ReadInt64LittleEndian(timestamp) * 1_000_000_000L) + BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPathNative(string path, ref byte resolved);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string from, string to);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
