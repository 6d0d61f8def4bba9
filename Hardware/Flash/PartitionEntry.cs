namespace Hardware.Flash;

/// <summary>
/// One row of an ESP32-style partition table: label, type, subtype, offset and size in bytes,
/// flags. Binary form: 32 bytes (ESP-IDF esp_partition_info_t; see <see cref="PartitionTable"/>).
/// </summary>
/// <param name="Label">Up to 16 ASCII bytes.</param>
/// <param name="Type">Partition type byte (<see cref="PartitionKinds"/>).</param>
/// <param name="Subtype">Partition subtype byte, interpreted per type.</param>
/// <param name="OffsetBytes">Start of the partition in flash.</param>
/// <param name="SizeBytes">Length of the partition.</param>
/// <param name="Flags">Flags word.</param>
public sealed record PartitionEntry(
    string Label, byte Type, byte Subtype, uint OffsetBytes, uint SizeBytes, PartitionFlags Flags = PartitionFlags.None)
{
    /// <summary>First byte past the partition.</summary>
    public ulong EndBytes => (ulong)OffsetBytes + SizeBytes;

    /// <summary>True for type app (0x00).</summary>
    public bool IsApp => Type == PartitionKinds.AppType;
}
