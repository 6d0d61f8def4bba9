namespace V2x.Security.Crypto;

/// <summary>The alternatives of EccP256CurvePoint (IEEE 1609.2-2022 §6.3 base types), in tag order.</summary>
public enum EccPointForm
{
    XOnly = 0,
    Fill = 1,
    CompressedY0 = 2,
    CompressedY1 = 3,
    Uncompressed = 4,
}
