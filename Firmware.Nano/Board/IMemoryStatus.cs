namespace Firmware.Nano.Board;

/// <summary>Heap figures (natively: <c>heap_caps_get_total_size</c>, <c>esp_get_free_heap_size</c>, <c>esp_get_minimum_free_heap_size</c>).</summary>
public interface IMemoryStatus
{
    /// <summary>Heap size in bytes.</summary>
    int TotalHeapBytes { get; }

    /// <summary>Free heap now, in bytes.</summary>
    int FreeHeapBytes { get; }

    /// <summary>The low-water mark: the least free heap since start, in bytes.</summary>
    int MinimumFreeHeapBytes { get; }
}
