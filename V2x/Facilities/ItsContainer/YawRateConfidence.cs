namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_YawRateConfidence: ENUMERATED of 9 values.</summary>
public enum YawRateConfidence
{
    DegSec000_01 = 0,
    DegSec000_05 = 1,
    DegSec000_10 = 2,
    DegSec001_00 = 3,
    DegSec005_00 = 4,
    DegSec010_00 = 5,
    DegSec100_00 = 6,
    OutOfRange = 7,
    Unavailable = 8,
}
