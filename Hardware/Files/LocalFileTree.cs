namespace Hardware.Files;

/// <summary>
/// A file tree on the local file system (the Linux board's sealed deployment). The root is resolved
/// once, when the tree is opened (realpath(3)): an A/B installation's "current" link is followed to
/// the slot that booted, so switching the link later does not change what this tree reads.
/// Entries are examined with statx(2) without following links; directories that are links are
/// listed as links, never walked.
/// </summary>
public sealed class LocalFileTree : IFileTree
{
    /// <summary>How recent a ctime may be before its stamp is not trusted (file systems with 1-2 s timestamps included).</summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    /// <summary>Opens a tree.</summary>
    /// <exception cref="IOException">The root does not exist or is not a directory.</exception>
    public LocalFileTree(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = PosixFiles.RealPath(root);
        if (!Directory.Exists(Root))
        {
            throw new IOException($"{root} is not a directory.");
        }
    }

    /// <inheritdoc />
    public string Root { get; }

    /// <inheritdoc />
    public IReadOnlyList<FileStamp> List()
    {
        var now = PosixFiles.KernelNowNs();
        var entries = new List<FileStamp>();
        var pending = new Stack<string>();
        pending.Push("");
        while (pending.Count > 0)
        {
            var relative = pending.Pop();
            var directory = relative.Length == 0 ? Root : Path.Combine(Root, relative);
            IEnumerable<string> names;
            try
            {
                names = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).ToList()!;
            }
            catch (DirectoryNotFoundException)
            {
                // Removed between the listing of its parent and now.
                continue;
            }

            foreach (var name in names)
            {
                var path = relative.Length == 0 ? name : relative + "/" + name;
                if (PosixFiles.Stat(Path.Combine(Root, path), path, now, RacyWindow) is not { } stamp)
                {
                    continue;
                }

                if (stamp.Kind == FileKind.Directory)
                {
                    pending.Push(path);
                }
                else
                {
                    entries.Add(stamp);
                }
            }
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    /// <inheritdoc />
    public FileStamp? Stat(string path) => PosixFiles.Stat(Full(path), path, PosixFiles.KernelNowNs(), RacyWindow);

    /// <inheritdoc />
    public Stream OpenRead(string path)
    {
        var full = Full(path);
        if (PosixFiles.Stat(full, path, 0, TimeSpan.Zero) is not { Kind: FileKind.Regular })
        {
            throw new IOException($"{path} is not a regular file.");
        }

        return new FileStream(full, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
    }

    private string Full(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.StartsWith('/') || path.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a relative path inside the tree.", nameof(path));
        }

        return Path.Combine(Root, path);
    }
}
