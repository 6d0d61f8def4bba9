using Hardware.Memory;

namespace Hardware.Simulated;

/// <summary>The simulated board's memory: settable heap use and a memory-fault log. Thread-safe.</summary>
public sealed class SimulatedMemory : IMemoryStatistics, IMemoryFaultLog
{
    private readonly TimeProvider _time;
    private readonly EventLog<MemoryFault> _faults = new(f => f.Sequence);
    private long _heapUsedBytes;

    /// <summary>Creates the memory with a heap of the given size, a quarter of it in use.</summary>
    public SimulatedMemory(TimeProvider time, long heapTotalBytes)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(heapTotalBytes, 1);
        _time = time;
        HeapTotalBytes = heapTotalBytes;
        _heapUsedBytes = heapTotalBytes / 4;
    }

    /// <summary>Total heap.</summary>
    public long HeapTotalBytes { get; }

    /// <inheritdoc />
    public MemoryStatistics Read()
    {
        var used = Interlocked.Read(ref _heapUsedBytes);
        return new MemoryStatistics(_time.GetUtcNow(), HeapTotalBytes, used, HeapTotalBytes - used);
    }

    /// <inheritdoc />
    public IReadOnlyList<MemoryFault> ReadSince(long afterSequence) => _faults.ReadSince(afterSequence);

    /// <summary>Sets the heap in use.</summary>
    public void SetHeapUsed(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, HeapTotalBytes);
        Interlocked.Exchange(ref _heapUsedBytes, bytes);
    }

    /// <summary>Reports a memory fault now.</summary>
    public MemoryFault RaiseFault(MemoryFaultKind kind, string task, int? pid = null, ulong? address = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        return _faults.Append(seq => new MemoryFault(seq, _time.GetUtcNow(), kind, task, pid, address));
    }
}
