using Firmware.Nano.Board;

namespace Firmware.Nano.Tests.Support;

/// <summary>NVS in memory; <see cref="FailNextWrite"/> is a power cut during the next write (nothing stored, the caller sees it fail).</summary>
public sealed class MemoryNvs : INvsStore
{
    private readonly Dictionary<string, byte[]> _records = new(StringComparer.Ordinal);

    public bool FailNextWrite { get; set; }

    public byte[]? Read(string key) => _records.TryGetValue(key, out var v) ? v.ToArray() : null;

    public void Write(string key, byte[] value)
    {
        if (FailNextWrite)
        {
            FailNextWrite = false;
            throw new IOException("power cut during the NVS write");
        }

        _records[key] = value.ToArray();
    }

    /// <summary>A copy of every record (an NVS image a test can restore later).</summary>
    public Dictionary<string, byte[]> Snapshot() => _records.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    public void Restore(Dictionary<string, byte[]> image)
    {
        _records.Clear();
        foreach (var (k, v) in image)
        {
            _records[k] = v.ToArray();
        }
    }
}
