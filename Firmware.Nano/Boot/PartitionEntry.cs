namespace Firmware.Nano.Boot;

/// <summary>One entry of the ESP-IDF partition table.</summary>
public sealed class PartitionEntry
{
    /// <summary>An entry.</summary>
    public PartitionEntry(string label, byte type, byte subtype, uint offset, uint size)
    {
        Label = label;
        Type = type;
        Subtype = subtype;
        Offset = offset;
        Size = size;
    }

    /// <summary>The label (at most 16 characters).</summary>
    public string Label { get; }

    /// <summary>The type (0 app, 1 data, ...).</summary>
    public byte Type { get; }

    /// <summary>The subtype.</summary>
    public byte Subtype { get; }

    /// <summary>Flash offset in bytes.</summary>
    public uint Offset { get; }

    /// <summary>Size in bytes.</summary>
    public uint Size { get; }
}
