namespace V2x.GeoNetworking;

/// <summary>
/// ITS-S type ST of a GN_ADDR (ETSI EN 302 636-4-1 v1.4.1 §6.3): five bits, with the values of the
/// station types of ETSI TS 102 894-2.
/// </summary>
public enum GnStationType : byte
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
    SpecialVehicle = 10,
    Tram = 11,
    RoadSideUnit = 15,
}
