namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_EmergencyPriority: <c>BIT STRING (SIZE(2))</c>; flag <c>1 &lt;&lt; n</c> is ASN.1 bit n.</summary>
[Flags]
public enum EmergencyPriority : byte
{
    None = 0,
    RequestForRightOfWay = 1 << 0,
    RequestForFreeCrossingAtATrafficLight = 1 << 1,
}
