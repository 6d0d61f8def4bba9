namespace Hardware.Memory;

/// <summary>The memory mappings of a running process (what it may read, write and execute).</summary>
public interface IMemoryMappings
{
    /// <summary>The mappings of process <paramref name="pid"/> now, or null when it is gone.</summary>
    /// <exception cref="UnauthorizedAccessException">The board may not read that process's mappings.</exception>
    IReadOnlyList<MemoryMapping>? Read(int pid);
}
