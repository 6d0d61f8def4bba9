namespace Hardware.Memory;

/// <summary>Reads heap and free-memory statistics.</summary>
public interface IMemoryStatistics
{
    /// <summary>Reads the statistics now.</summary>
    MemoryStatistics Read();
}
