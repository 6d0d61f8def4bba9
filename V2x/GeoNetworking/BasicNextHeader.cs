namespace V2x.GeoNetworking;

/// <summary>NH of the Basic Header (ETSI EN 302 636-4-1 v1.4.1 §9.6.3).</summary>
public enum BasicNextHeader : byte
{
    Any = 0,
    CommonHeader = 1,
    SecuredPacket = 2,
}
