namespace Hardware.Can;

/// <summary>A classic CAN frame (ISO 11898-1): an 11-bit base or 29-bit extended identifier and 0 to 8 data bytes.</summary>
public sealed class CanFrame
{
    /// <summary>Largest 11-bit identifier.</summary>
    public const uint MaxBaseId = 0x7FF;

    /// <summary>Largest 29-bit identifier.</summary>
    public const uint MaxExtendedId = 0x1FFF_FFFF;

    /// <summary>Most data bytes in a classic frame.</summary>
    public const int MaxDataBytes = 8;

    /// <summary>Creates a frame.</summary>
    /// <exception cref="ArgumentException">The identifier does not fit its format or there are more than 8 data bytes.</exception>
    public CanFrame(uint id, bool isExtended, ReadOnlySpan<byte> data)
    {
        if (id > (isExtended ? MaxExtendedId : MaxBaseId))
        {
            throw new ArgumentException($"Identifier 0x{id:X} does not fit a {(isExtended ? 29 : 11)}-bit id.", nameof(id));
        }

        if (data.Length > MaxDataBytes)
        {
            throw new ArgumentException("A classic CAN frame carries at most 8 bytes.", nameof(data));
        }

        Id = id;
        IsExtended = isExtended;
        Data = data.ToArray();
    }

    /// <summary>The identifier.</summary>
    public uint Id { get; }

    /// <summary>True for a 29-bit identifier.</summary>
    public bool IsExtended { get; }

    /// <summary>The data bytes (0 to 8).</summary>
    public IReadOnlyList<byte> Data { get; }
}
