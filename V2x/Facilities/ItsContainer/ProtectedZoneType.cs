namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DE_ProtectedZoneType:
/// <c>ENUMERATED { permanentCenDsrcTolling (0), ..., temporaryCenDsrcTolling (1) }</c>: one root
/// value and one extension addition (X.691 §14.3 encodes the addition after an extension bit).
/// </summary>
public enum ProtectedZoneType
{
    PermanentCenDsrcTolling = 0,
    TemporaryCenDsrcTolling = 1,
}
