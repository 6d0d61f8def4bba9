namespace V2x.GeoNetworking;

/// <summary>NH of the Common Header (ETSI EN 302 636-4-1 v1.4.1 §9.7.3).</summary>
public enum CommonNextHeader : byte
{
    Any = 0,
    BtpA = 1,
    BtpB = 2,
    Ipv6 = 3,
}
