namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_StationarySince: ENUMERATED of 4 values.</summary>
public enum StationarySince
{
    LessThan1Minute = 0,
    LessThan2Minutes = 1,
    LessThan15Minutes = 2,
    EqualOrGreater15Minutes = 3,
}
