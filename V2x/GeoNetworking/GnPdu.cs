namespace V2x.GeoNetworking;

/// <summary>
/// A decoded GeoNetworking packet: the Basic Header and either the unsecured <see cref="Packet"/>
/// (Basic Header NH = common header) or the opaque <see cref="SecuredPacket"/> (NH = secured packet,
/// an IEEE 1609.2 Ieee1609Dot2Data whose payload decodes with <see cref="GeoNetworkingCodec.DecodePacket"/>).
/// </summary>
public sealed record GnPdu(BasicHeader Basic, GnPacket? Packet, ReadOnlyMemory<byte> SecuredPacket)
{
    /// <summary>True when the Basic Header announces a secured packet (EN 302 636-4-1 v1.4.1 §9.6.3, NH = 2).</summary>
    public bool IsSecured => Packet is null;
}
