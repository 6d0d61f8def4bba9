namespace Hardware.Files;

/// <summary>
/// An in-memory file tree for tests and the bench: files with contents and stamps that move as a
/// kernel's would (a write gives a new mtime and ctime; a new file a new inode), plus the two things
/// only a simulator can do on purpose: leave a stamp unsettled (a change within the timestamp tick)
/// and change content without moving the stamp (a write below the file system, or a clock set back).
/// Thread-safe.
/// </summary>
public sealed class SimulatedFileTree : IFileTree
{
    private readonly Dictionary<string, (byte[] Content, FileStamp Stamp)> _files = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _clockNs = 1_700_000_000_000_000_000;
    private ulong _nextInode = 1000;

    /// <summary>Creates an empty tree with a root name (used as the path prefix of IMA entries).</summary>
    public SimulatedFileTree(string root = "/sim/deployment")
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = root;
    }

    /// <inheritdoc />
    public string Root { get; }

    /// <summary>Creates or replaces a file (a new inode), settled unless told otherwise.</summary>
    public void Put(string path, byte[] content, uint mode = 0b110_100_100, bool settled = true)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_lock)
        {
            var at = _clockNs += 1_000_000;
            _files[path] = (content.ToArray(), new FileStamp(path, FileKind.Regular, content.Length, mode, _nextInode++, 1, at, at, settled));
        }
    }

    /// <summary>Writes new content into an existing file (same inode; mtime and ctime move unless <paramref name="keepStamp"/>).</summary>
    public void Overwrite(string path, byte[] content, bool keepStamp = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_lock)
        {
            var (_, stamp) = _files[path];
            var at = _clockNs += 1_000_000;
            _files[path] = (content.ToArray(), keepStamp ? stamp : stamp with { SizeBytes = content.Length, ModifiedNs = at, ChangedNs = at });
        }
    }

    /// <summary>Changes a file's mode (ctime moves).</summary>
    public void Chmod(string path, uint mode)
    {
        lock (_lock)
        {
            var (content, stamp) = _files[path];
            _files[path] = (content, stamp with { Mode = mode, ChangedNs = _clockNs += 1_000_000 });
        }
    }

    /// <summary>Replaces a file with a symbolic link.</summary>
    public void ReplaceWithLink(string path)
    {
        lock (_lock)
        {
            var at = _clockNs += 1_000_000;
            _files[path] = ([], new FileStamp(path, FileKind.SymbolicLink, 0, 0b111_111_111, _nextInode++, 1, at, at, true));
        }
    }

    /// <summary>Removes a file.</summary>
    public bool Remove(string path)
    {
        lock (_lock)
        {
            return _files.Remove(path);
        }
    }

    /// <summary>Marks every stamp settled (time has passed since the last change).</summary>
    public void Settle()
    {
        lock (_lock)
        {
            foreach (var (path, (content, stamp)) in _files.ToList())
            {
                _files[path] = (content, stamp with { Settled = true });
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<FileStamp> List()
    {
        lock (_lock)
        {
            return _files.Values.Select(f => f.Stamp).OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
        }
    }

    /// <inheritdoc />
    public FileStamp? Stat(string path)
    {
        lock (_lock)
        {
            return _files.TryGetValue(path, out var f) ? f.Stamp : null;
        }
    }

    /// <inheritdoc />
    public Stream OpenRead(string path)
    {
        lock (_lock)
        {
            return _files.TryGetValue(path, out var f) && f.Stamp.Kind == FileKind.Regular
                ? new MemoryStream(f.Content, writable: false)
                : throw new IOException($"{path} is not a regular file.");
        }
    }
}
