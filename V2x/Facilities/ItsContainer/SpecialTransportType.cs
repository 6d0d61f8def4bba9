namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_SpecialTransportType: <c>BIT STRING (SIZE(4))</c>; flag <c>1 &lt;&lt; n</c> is ASN.1 bit n.</summary>
[Flags]
public enum SpecialTransportType : byte
{
    None = 0,
    HeavyLoad = 1 << 0,
    ExcessWidth = 1 << 1,
    ExcessLength = 1 << 2,
    ExcessHeight = 1 << 3,
}
