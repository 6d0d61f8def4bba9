namespace V2x.GeoNetworking;

/// <summary>
/// The traffic class TC of the Common Header (ETSI EN 302 636-4-1 v1.4.1 §9.7.5): store-carry-forward
/// flag, channel offload flag and a 6-bit traffic class ID (0 to 63; mapped to the access category
/// by the media-dependent part).
/// </summary>
public readonly record struct TrafficClass
{
    public TrafficClass(bool storeCarryForward, bool channelOffload, byte id)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, (byte)63);
        StoreCarryForward = storeCarryForward;
        ChannelOffload = channelOffload;
        Id = id;
    }

    public bool StoreCarryForward { get; }

    public bool ChannelOffload { get; }

    public byte Id { get; }

    public byte ToByte() => (byte)((StoreCarryForward ? 0x80 : 0) | (ChannelOffload ? 0x40 : 0) | Id);

    public static TrafficClass FromByte(byte octet) => new((octet & 0x80) != 0, (octet & 0x40) != 0, (byte)(octet & 0x3F));
}
