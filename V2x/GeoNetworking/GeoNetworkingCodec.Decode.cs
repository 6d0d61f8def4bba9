namespace V2x.GeoNetworking;

public static partial class GeoNetworkingCodec
{
    /// <summary>
    /// Decodes a whole GeoNetworking packet (the EtherType 0x8947 payload). Unsecured, the payload
    /// length must match the octets left exactly; secured, the rest is handed back as is. Malformed
    /// input throws <see cref="DecodeException"/>.
    /// </summary>
    public static GnPdu Decode(ReadOnlyMemory<byte> octets)
    {
        var reader = new GnReader(octets, "GeoNetworking", 0);
        var first = reader.ReadByte("basicHeader.version");
        var version = first >> 4;
        if (version != BasicHeader.Version)
        {
            throw reader.ErrorAt("basicHeader.version", 0, $"version {version} is not {BasicHeader.Version} (EN 302 636-4-1 v1.3.1 and later)");
        }

        reader.ExpectZero(reader.ReadByte("basicHeader.reserved"), 1, "basicHeader.reserved");
        var basic = new BasicHeader(Lifetime.FromByte(reader.ReadByte("basicHeader.lifetime")), reader.ReadByte("basicHeader.remainingHopLimit"));
        switch ((BasicNextHeader)(first & 0x0F))
        {
            case BasicNextHeader.CommonHeader:
                return new GnPdu(basic, DecodePacket(reader.ReadRest(), BasicHeader.Length), ReadOnlyMemory<byte>.Empty);
            case BasicNextHeader.SecuredPacket:
                if (reader.Remaining == 0)
                {
                    throw reader.Error("securedPacket", "truncated: the secured packet is missing");
                }

                return new GnPdu(basic, null, reader.ReadRest());
            default:
                // The reader starts after the 8-octet Common Header; HT/HST is its octet 1, 7 octets back.
                throw reader.ErrorAt("basicHeader.nextHeader", 0, $"next header {first & 0x0F} is neither a common header (1) nor a secured packet (2)");
        }
    }

    /// <summary>
    /// Decodes Common Header, extended header and payload (the unsecured remainder of a packet, or
    /// the payload of a secured packet). The payload length must match the octets left exactly.
    /// </summary>
    public static GnPacket DecodePacket(ReadOnlyMemory<byte> octets) => DecodePacket(octets, 0);

    private static GnPacket DecodePacket(ReadOnlyMemory<byte> octets, long baseOffset)
    {
        var reader = new GnReader(octets, "GeoNetworking.commonHeader", baseOffset);
        var first = reader.ReadByte("nextHeader");
        reader.ExpectZero((uint)(first & 0x0F), 1, "reserved");
        var nextHeader = (CommonNextHeader)(first >> 4);
        if (!Enum.IsDefined(nextHeader))
        {
            throw reader.ErrorAt("nextHeader", reader.Position - 1, $"next header {first >> 4} is not defined");
        }

        var headerType = reader.ReadByte("headerType");
        var trafficClass = TrafficClass.FromByte(reader.ReadByte("trafficClass"));
        var flags = reader.ReadByte("flags");
        reader.ExpectZero((uint)(flags & 0x7F), 1, "flags");
        var payloadLength = reader.ReadUInt16("payloadLength");
        var maximumHopLimit = reader.ReadByte("maximumHopLimit");
        reader.ExpectZero(reader.ReadByte("reserved"), 1, "reserved");
        var common = new CommonHeader(nextHeader, trafficClass, (flags & 0x80) != 0, maximumHopLimit);

        var extended = ReadExtended(new GnReader(reader.ReadRest(), "GeoNetworking", baseOffset + CommonHeader.Length), headerType, out var extendedLength);
        var left = octets.Length - CommonHeader.Length - extendedLength;
        if (payloadLength != left)
        {
            throw new DecodeException(
                "GeoNetworking.commonHeader.payloadLength",
                baseOffset + 4,
                $"payload length {payloadLength} but {left} octet(s) follow the headers");
        }

        if (extended is BeaconHeader && payloadLength != 0)
        {
            throw new DecodeException("GeoNetworking.commonHeader.payloadLength", baseOffset + 4, "a beacon carries no payload");
        }

        return new GnPacket(common, extended, octets[(CommonHeader.Length + extendedLength)..]);
    }

    private static GnExtendedHeader ReadExtended(GnReader reader, byte headerType, out int length)
    {
        var type = headerType >> 4;
        var subType = headerType & 0x0F;
        GnExtendedHeader header;
        switch (type, subType)
        {
            case (1, 0):
                header = new BeaconHeader(LongPositionVector.Read(reader, "beacon.sourcePositionVector"));
                break;
            case (5, 0):
                header = new SingleHopBroadcastHeader(
                    LongPositionVector.Read(reader, "shb.sourcePositionVector"),
                    reader.ReadUInt32("shb.mediaDependentData"));
                break;
            case (5, 1):
                {
                    var sequenceNumber = reader.ReadUInt16("tsb.sequenceNumber");
                    reader.ExpectZero(reader.ReadUInt16("tsb.reserved"), 2, "tsb.reserved");
                    header = new TopologicallyScopedBroadcastHeader(sequenceNumber, LongPositionVector.Read(reader, "tsb.sourcePositionVector"));
                    break;
                }

            case (3 or 4, <= 2):
                {
                    using var scope = reader.Enter(type == 4 ? "gbc" : "gac");
                    var sequenceNumber = reader.ReadUInt16("sequenceNumber");
                    reader.ExpectZero(reader.ReadUInt16("reserved"), 2, "reserved");
                    var source = LongPositionVector.Read(reader, "sourcePositionVector");
                    var area = GeoArea.Read(reader, (GeoAreaShape)subType, "area");
                    header = type == 4
                        ? new GeoBroadcastHeader(sequenceNumber, source, area)
                        : new GeoAnycastHeader(sequenceNumber, source, area);
                    break;
                }

            default:
                // The reader starts after the 8-octet Common Header; HT/HST is its octet 1, 7 octets back.
                throw reader.ErrorAt(
                    "commonHeader.headerType",
                    -7,
                    $"header type {type}, sub-type {subType} is not supported (BEACON, TSB, SHB, GBC and GAC are)");
        }

        length = reader.Position;
        return header;
    }
}
