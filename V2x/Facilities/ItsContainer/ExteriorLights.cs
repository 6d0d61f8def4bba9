namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DE_ExteriorLights: <c>BIT STRING (SIZE(8))</c>; flag
/// <c>1 &lt;&lt; n</c> is ASN.1 bit n.
/// </summary>
[Flags]
public enum ExteriorLights : byte
{
    None = 0,
    LowBeamHeadlightsOn = 1 << 0,
    HighBeamHeadlightsOn = 1 << 1,
    LeftTurnSignalOn = 1 << 2,
    RightTurnSignalOn = 1 << 3,
    DaytimeRunningLightsOn = 1 << 4,
    ReverseLightOn = 1 << 5,
    FogLightOn = 1 << 6,
    ParkingLightsOn = 1 << 7,
}
