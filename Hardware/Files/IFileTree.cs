namespace Hardware.Files;

/// <summary>
/// A directory tree of installed files (a sealed deployment), read without following symbolic
/// links. Paths are relative to <see cref="Root"/> and '/'-separated.
/// </summary>
public interface IFileTree
{
    /// <summary>The root as the kernel resolves it (every symbolic link in the path followed, realpath(3)).</summary>
    string Root { get; }

    /// <summary>Every entry under the root (regular files, links and others; directories are walked, not listed), ordered by path.</summary>
    /// <exception cref="IOException">The tree cannot be read.</exception>
    IReadOnlyList<FileStamp> List();

    /// <summary>One entry, or null when there is none.</summary>
    /// <exception cref="IOException">The entry cannot be examined.</exception>
    FileStamp? Stat(string path);

    /// <summary>Opens a regular file for reading (a symbolic link in its place is refused).</summary>
    /// <exception cref="IOException">Missing, not a regular file, or unreadable.</exception>
    Stream OpenRead(string path);
}
