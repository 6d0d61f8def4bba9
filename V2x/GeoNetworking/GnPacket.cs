namespace V2x.GeoNetworking;

/// <summary>
/// The part of a GeoNetworking packet after the Basic Header: Common Header, extended header and
/// payload (the BTP packet). Unsecured it follows the Basic Header directly; secured it is the
/// payload of the IEEE 1609.2 secured packet.
/// </summary>
/// <remarks>The payload is held by reference: two packets compare equal only if they share it.</remarks>
public sealed record GnPacket(CommonHeader Common, GnExtendedHeader Extended, ReadOnlyMemory<byte> Payload);
