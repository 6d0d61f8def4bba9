using V2x.Facilities.ItsContainer;

namespace Firmware.Application.Composition;

/// <summary>
/// An event the DEN basic service announces (ETSI EN 302 637-3 v1.3.1 §6, §8: AppDENM_trigger): its type,
/// how long it is valid, how often the DENM is repeated meanwhile, and how far it is relevant.
/// </summary>
/// <param name="EventType">Cause and sub-cause (TS 102 894-2 CauseCode).</param>
/// <param name="Validity">validityDuration: the DENM is repeated until it ends (0 to 86 400 s).</param>
/// <param name="RepetitionInterval">transmissionInterval between repetitions (1 to 10 000 ms).</param>
/// <param name="RelevanceRadiusMetres">Radius of the geo-broadcast area around the event.</param>
/// <param name="InformationQuality">0 (unavailable) to 7 (highest).</param>
public sealed record DenmEvent(CauseCode EventType, TimeSpan Validity, TimeSpan RepetitionInterval, ushort RelevanceRadiusMetres, byte InformationQuality = 1)
{
    /// <summary>
    /// The emergency electronic brake light (TS 102 894-2: dangerousSituation (99), sub-cause 1
    /// emergencyElectronicBrakeEngaged): 10 s validity, repeated every 500 ms, 300 m around the vehicle.
    /// </summary>
    public static DenmEvent EmergencyElectronicBrakeLight { get; } =
        new(new CauseCode(CauseCodeType.DangerousSituation, 1), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500), 300);

    /// <summary>A hazard (an obstacle, a stationary vehicle, …): 60 s validity, repeated every second, 1 km around.</summary>
    public static DenmEvent Hazard(CauseCodeType cause, byte subCause = 0) =>
        new(new CauseCode(cause, subCause), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), 1000);

    /// <summary>Checks the event against the DENM's constraints.</summary>
    /// <exception cref="ArgumentException">A value outside its range.</exception>
    public void Validate()
    {
        if (Validity < TimeSpan.Zero || Validity > TimeSpan.FromSeconds(86400) || Validity.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException("Validity is 0 to 86 400 whole seconds (EN 302 637-3 validityDuration).");
        }

        if (RepetitionInterval < TimeSpan.FromMilliseconds(1) || RepetitionInterval > TimeSpan.FromMilliseconds(10000))
        {
            throw new ArgumentException("RepetitionInterval is 1 to 10 000 ms (EN 302 637-3 transmissionInterval).");
        }

        if (InformationQuality > 7 || RelevanceRadiusMetres == 0)
        {
            throw new ArgumentException("InformationQuality is 0..7 and the relevance radius above 0 m.");
        }
    }
}
