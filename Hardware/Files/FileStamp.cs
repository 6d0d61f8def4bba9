namespace Hardware.Files;

/// <summary>
/// What statx(2) says about one entry of a file tree, without following symbolic links: enough to
/// tell whether a file may have changed since it was last hashed (size, inode, device, mtime, and
/// ctime, which user space cannot set back, inode(7)).
/// </summary>
/// <param name="Path">Path relative to the tree's root, '/'-separated.</param>
/// <param name="Kind">Regular file, directory, link or other.</param>
/// <param name="SizeBytes">Size in bytes.</param>
/// <param name="Mode">Permission bits (07777: set-user-ID, set-group-ID, sticky, rwx for user, group, others).</param>
/// <param name="Inode">Inode number.</param>
/// <param name="Device">Device number of the file system (major &lt;&lt; 32 | minor).</param>
/// <param name="ModifiedNs">Last content change (mtime), nanoseconds since 1970.</param>
/// <param name="ChangedNs">Last status change (ctime), nanoseconds since 1970.</param>
/// <param name="Settled">
/// False when the ctime lies within <see cref="LocalFileTree.RacyWindow"/> of the kernel's clock at the
/// time of the stat: a change in the same timestamp tick would leave the stamp unchanged, so such a
/// stamp must not vouch for the content (the "racy" rule of git's index).
/// </param>
public sealed record FileStamp(string Path, FileKind Kind, long SizeBytes, uint Mode, ulong Inode, ulong Device, long ModifiedNs, long ChangedNs, bool Settled)
{
    /// <summary>Any execute bit (user, group, others) is set.</summary>
    public bool AnyExecuteBit => (Mode & 0b001_001_001) != 0;

    /// <summary>Whether two stamps describe the same file state (everything but <see cref="Settled"/>).</summary>
    public bool SameState(FileStamp other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Path == other.Path && Kind == other.Kind && SizeBytes == other.SizeBytes && Mode == other.Mode && Inode == other.Inode
            && Device == other.Device && ModifiedNs == other.ModifiedNs && ChangedNs == other.ChangedNs;
    }
}
