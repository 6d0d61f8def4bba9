namespace Firmware.Application.Eebl;

/// <summary>Options of a <see cref="VehicleSignalReader"/>.</summary>
public sealed record VehicleSignalReaderOptions
{
    /// <summary>
    /// The deceleration (m/s², positive) at or beyond which a pressed brake pedal is hard braking; default 4, a
    /// setting of the deployment (Eebl:HardBrakingDeceleration), to be tuned per vehicle.
    /// </summary>
    public double HardBrakingDeceleration { get; init; } = 4.0;
}
