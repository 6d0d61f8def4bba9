namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_AltitudeConfidence: ENUMERATED of 16 values (0.01 m ... 200 m, outOfRange, unavailable).</summary>
public enum AltitudeConfidence
{
    Alt000_01 = 0,
    Alt000_02 = 1,
    Alt000_05 = 2,
    Alt000_10 = 3,
    Alt000_20 = 4,
    Alt000_50 = 5,
    Alt001_00 = 6,
    Alt002_00 = 7,
    Alt005_00 = 8,
    Alt010_00 = 9,
    Alt020_00 = 10,
    Alt050_00 = 11,
    Alt100_00 = 12,
    Alt200_00 = 13,
    OutOfRange = 14,
    Unavailable = 15,
}
