namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DE_StationType: INTEGER (0..255); the named values are below and
/// any other value of the range is carried as is.
/// </summary>
public enum StationType : byte
{
    Unknown = 0,
    Pedestrian = 1,
    Cyclist = 2,
    Moped = 3,
    Motorcycle = 4,
    PassengerCar = 5,
    Bus = 6,
    LightTruck = 7,
    HeavyTruck = 8,
    Trailer = 9,
    SpecialVehicles = 10,
    Tram = 11,
    RoadSideUnit = 15,
}
