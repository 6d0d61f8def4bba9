namespace V2x.GeoNetworking;

/// <summary>The LT base of the Basic Header (ETSI EN 302 636-4-1 v1.4.1 §9.6.4): two bits.</summary>
public enum LifetimeBase : byte
{
    FiftyMilliseconds = 0,
    OneSecond = 1,
    TenSeconds = 2,
    HundredSeconds = 3,
}
