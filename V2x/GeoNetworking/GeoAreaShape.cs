namespace V2x.GeoNetworking;

/// <summary>The header sub-type HST of GBC and GAC packets, the shape of the geographical area (ETSI EN 302 636-4-1 v1.4.1 §9.7.4).</summary>
public enum GeoAreaShape : byte
{
    Circle = 0,
    Rectangle = 1,
    Ellipse = 2,
}
