namespace Hardware.Memory;

/// <summary>One mapping of a process's address space (Linux /proc/[pid]/maps, proc(5)).</summary>
/// <param name="Start">First address.</param>
/// <param name="End">Address after the last.</param>
/// <param name="Readable">r.</param>
/// <param name="Writable">w.</param>
/// <param name="Executable">x.</param>
/// <param name="Shared">s (shared) rather than p (private, copy on write).</param>
/// <param name="Path">The mapped file or pseudo-path ([heap], [stack], [vdso]), empty for an anonymous mapping.</param>
public sealed record MemoryMapping(ulong Start, ulong End, bool Readable, bool Writable, bool Executable, bool Shared, string Path)
{
    /// <summary>Writable and executable at once: code the process can rewrite (W^X violated).</summary>
    public bool IsWritableAndExecutable => Writable && Executable;

    /// <summary>Length in bytes.</summary>
    public ulong Length => End - Start;
}
