namespace Hardware.Memory;

/// <summary>Memory violations the board can report (patent ¶97: memory anomalies).</summary>
public enum MemoryFaultKind
{
    /// <summary>A stack guard or stack canary (cookie) was found overwritten.</summary>
    StackGuard,

    /// <summary>A write to a read-only region (code or constant data).</summary>
    ReadOnlyWrite,

    /// <summary>Execution from non-executable memory (NX / XN fault).</summary>
    NonExecutableExecution,

    /// <summary>A heap guard (poisoned canary around an allocation) was hit.</summary>
    HeapGuard,

    /// <summary>Access to an invalid (unmapped) page.</summary>
    InvalidPage,
}
