namespace Hardware.Memory;

/// <summary>The board's log of memory faults (stack guard, read-only write, NX execution, heap guard, invalid page).</summary>
public interface IMemoryFaultLog
{
    /// <summary>Faults with a sequence number above <paramref name="afterSequence"/>, oldest first (pass 0 for all).</summary>
    IReadOnlyList<MemoryFault> ReadSince(long afterSequence);
}
