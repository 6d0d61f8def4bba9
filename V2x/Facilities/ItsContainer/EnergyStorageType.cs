namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_EnergyStorageType: <c>BIT STRING (SIZE(7))</c>; flag <c>1 &lt;&lt; n</c> is ASN.1 bit n.</summary>
[Flags]
public enum EnergyStorageType : byte
{
    None = 0,
    HydrogenStorage = 1 << 0,
    ElectricEnergyStorage = 1 << 1,
    LiquidPropaneGas = 1 << 2,
    CompressedNaturalGas = 1 << 3,
    Diesel = 1 << 4,
    Gasoline = 1 << 5,
    Ammonia = 1 << 6,
}
