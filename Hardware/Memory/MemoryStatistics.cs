namespace Hardware.Memory;

/// <summary>Memory statistics as the board reports them.</summary>
/// <param name="Time">When they were read.</param>
/// <param name="HeapTotalBytes">Total heap (on Linux: MemTotal).</param>
/// <param name="HeapUsedBytes">Heap in use (on Linux: MemTotal minus MemAvailable).</param>
/// <param name="FreeBytes">Free memory (on Linux: MemFree).</param>
public sealed record MemoryStatistics(DateTimeOffset Time, long HeapTotalBytes, long HeapUsedBytes, long FreeBytes)
{
    /// <summary>Used heap as a fraction of the total (0..1).</summary>
    public double UsedFraction => HeapTotalBytes <= 0 ? 0 : (double)HeapUsedBytes / HeapTotalBytes;
}
