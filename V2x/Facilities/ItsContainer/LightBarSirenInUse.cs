namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_LightBarSirenInUse: <c>BIT STRING (SIZE(2))</c>; flag <c>1 &lt;&lt; n</c> is ASN.1 bit n.</summary>
[Flags]
public enum LightBarSirenInUse : byte
{
    None = 0,
    LightBarActivated = 1 << 0,
    SirenActivated = 1 << 1,
}
