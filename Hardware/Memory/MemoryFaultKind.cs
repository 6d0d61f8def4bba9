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

    /// <summary>
    /// A process ended by SIGSEGV or SIGBUS (Linux): an access to an unmapped page, a write to read-only
    /// memory or execution from non-executable memory; the exit status does not say which (siginfo's
    /// si_code does, and only the process itself or a ptrace tracer sees it).
    /// </summary>
    AccessViolation,

    /// <summary>
    /// A process ended by SIGABRT (Linux): glibc's stack-protector check (__stack_chk_fail, "stack smashing
    /// detected"), its heap-consistency checks (malloc, free) and failed assertions all end this way; the exit
    /// status does not say which.
    /// </summary>
    Abort,
}
