namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DE_AccelerationControl: <c>BIT STRING (SIZE(7))</c>; flag
/// <c>1 &lt;&lt; n</c> is ASN.1 bit n.
/// </summary>
[Flags]
public enum AccelerationControl : byte
{
    None = 0,
    BrakePedalEngaged = 1 << 0,
    GasPedalEngaged = 1 << 1,
    EmergencyBrakeEngaged = 1 << 2,
    CollisionWarningEngaged = 1 << 3,
    AccEngaged = 1 << 4,
    CruiseControlEngaged = 1 << 5,
    SpeedLimiterEngaged = 1 << 6,
}
