namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_CurvatureCalculationMode: <c>ENUMERATED {yawRateUsed(0), yawRateNotUsed(1), unavailable(2), ...}</c>.</summary>
public enum CurvatureCalculationMode
{
    YawRateUsed = 0,
    YawRateNotUsed = 1,
    Unavailable = 2,
}
