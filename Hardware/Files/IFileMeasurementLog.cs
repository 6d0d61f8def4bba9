namespace Hardware.Files;

/// <summary>The kernel's append-only list of file measurements since boot (Linux IMA).</summary>
public interface IFileMeasurementLog
{
    /// <summary>Every measurement since boot, oldest first.</summary>
    /// <exception cref="IOException">The list cannot be read.</exception>
    /// <exception cref="FormatException">A line is not in the documented format.</exception>
    IReadOnlyList<FileMeasurement> Read();
}
