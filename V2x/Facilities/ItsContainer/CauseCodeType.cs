namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DE_CauseCodeType: <c>INTEGER (0..255)</c> with the named direct
/// causes below; other values of the range are carried as is.
/// </summary>
public enum CauseCodeType : byte
{
    Reserved = 0,
    TrafficCondition = 1,
    Accident = 2,
    Roadworks = 3,
    Impassability = 5,
    AdverseWeatherConditionAdhesion = 6,
    Aquaplaning = 7,
    HazardousLocationSurfaceCondition = 9,
    HazardousLocationObstacleOnTheRoad = 10,
    HazardousLocationAnimalOnTheRoad = 11,
    HumanPresenceOnTheRoad = 12,
    WrongWayDriving = 14,
    RescueAndRecoveryWorkInProgress = 15,
    AdverseWeatherConditionExtremeWeatherCondition = 17,
    AdverseWeatherConditionVisibility = 18,
    AdverseWeatherConditionPrecipitation = 19,
    SlowVehicle = 26,
    DangerousEndOfQueue = 27,
    VehicleBreakdown = 91,
    PostCrash = 92,
    HumanProblem = 93,
    StationaryVehicle = 94,
    EmergencyVehicleApproaching = 95,
    HazardousLocationDangerousCurve = 96,
    CollisionRisk = 97,
    SignalViolation = 98,

    /// <summary>
    /// dangerousSituation (99); with sub-cause 1 (emergencyElectronicBrakeEngaged, DE_DangerousSituationSubCauseCode)
    /// it is the emergency electronic brake light warning.
    /// </summary>
    DangerousSituation = 99,
}
