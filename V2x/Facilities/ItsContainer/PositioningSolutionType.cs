namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_PositioningSolutionType: ENUMERATED of 6 root values, extensible.</summary>
public enum PositioningSolutionType
{
    NoPositioningSolution = 0,
    SGnss = 1,
    DGnss = 2,
    SGnssPlusDr = 3,
    DGnssPlusDr = 4,
    Dr = 5,
}
