namespace V2x.Facilities.ItsContainer;

/// <summary>ETSI TS 102 894-2 v1.3.1 Annex A, DE_HardShoulderStatus: <c>ENUMERATED {availableForStopping(0), closed(1), availableForDriving(2)}</c>.</summary>
public enum HardShoulderStatus
{
    AvailableForStopping = 0,
    Closed = 1,
    AvailableForDriving = 2,
}
