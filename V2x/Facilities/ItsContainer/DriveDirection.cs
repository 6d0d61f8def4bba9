namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_DriveDirection: <c>ENUMERATED {forward (0), backward (1), unavailable (2)}</c>.</summary>
public enum DriveDirection
{
    Forward = 0,
    Backward = 1,
    Unavailable = 2,
}
