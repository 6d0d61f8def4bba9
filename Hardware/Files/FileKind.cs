namespace Hardware.Files;

/// <summary>What a directory entry is (the S_IFMT bits of its mode, inode(7)); symbolic links are not followed.</summary>
public enum FileKind : byte
{
    /// <summary>A regular file.</summary>
    Regular = 0,

    /// <summary>A directory.</summary>
    Directory = 1,

    /// <summary>A symbolic link (not followed).</summary>
    SymbolicLink = 2,

    /// <summary>A device, FIFO or socket.</summary>
    Other = 3,
}
