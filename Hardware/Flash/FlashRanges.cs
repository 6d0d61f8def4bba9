namespace Hardware.Flash;

/// <summary>Range checks shared by the flash implementations (a range outside the partition is a caller's mistake).</summary>
public static class FlashRanges
{
    /// <summary>Size of one erasable flash sector.</summary>
    public const long SectorBytes = 0x1000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless offset..offset+length lies in the partition.</summary>
    public static void Check(PartitionEntry partition, long offsetBytes, long lengthBytes)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(offsetBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(lengthBytes);
        if (offsetBytes + lengthBytes > partition.SizeBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(offsetBytes),
                $"Bytes {offsetBytes}..{offsetBytes + lengthBytes} run past partition '{partition.Label}' ({partition.SizeBytes} bytes).");
        }
    }

    /// <summary>As <see cref="Check"/>, and offset and length must be whole sectors.</summary>
    public static void CheckErase(PartitionEntry partition, long offsetBytes, long lengthBytes)
    {
        Check(partition, offsetBytes, lengthBytes);
        if (offsetBytes % SectorBytes != 0 || lengthBytes % SectorBytes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offsetBytes), "Erase ranges are whole 4 KiB sectors.");
        }
    }

    /// <summary>Erases a whole partition.</summary>
    public static void EraseAll(this IFlashImage flash, string label)
    {
        ArgumentNullException.ThrowIfNull(flash);
        flash.Erase(label, 0, flash.Partitions[label].SizeBytes);
    }
}
