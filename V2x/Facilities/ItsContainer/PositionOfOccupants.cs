namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_PositionOfOccupants: <c>BIT STRING (SIZE(20))</c>; flag <c>1 &lt;&lt; n</c> is ASN.1 bit n.</summary>
[Flags]
public enum PositionOfOccupants
{
    None = 0,
    Row1LeftOccupied = 1 << 0,
    Row1RightOccupied = 1 << 1,
    Row1MidOccupied = 1 << 2,
    Row1NotDetectable = 1 << 3,
    Row1NotPresent = 1 << 4,
    Row2LeftOccupied = 1 << 5,
    Row2RightOccupied = 1 << 6,
    Row2MidOccupied = 1 << 7,
    Row2NotDetectable = 1 << 8,
    Row2NotPresent = 1 << 9,
    Row3LeftOccupied = 1 << 10,
    Row3RightOccupied = 1 << 11,
    Row3MidOccupied = 1 << 12,
    Row3NotDetectable = 1 << 13,
    Row3NotPresent = 1 << 14,
    Row4LeftOccupied = 1 << 15,
    Row4RightOccupied = 1 << 16,
    Row4MidOccupied = 1 << 17,
    Row4NotDetectable = 1 << 18,
    Row4NotPresent = 1 << 19,
}
