namespace Hardware.Can;

/// <summary>
/// The vehicle signals the OBU's applications read from CAN, by name in the DBC (<see cref="DbcFile"/>): speed, brake
/// pedal, hazard lights (and longitudinal acceleration when the vehicle sends it). <see cref="Decode"/> maps a frame
/// to the signals it carries; frames of other messages map to none.
/// </summary>
public sealed class VehicleSignals
{
    /// <summary>Vehicle speed (km/h).</summary>
    public const string Speed = "VehicleSpeed";

    /// <summary>Brake pedal switch (0 or 1).</summary>
    public const string BrakePedal = "BrakePedal";

    /// <summary>Hazard warning lights (0 or 1).</summary>
    public const string HazardLights = "HazardLights";

    /// <summary>Longitudinal acceleration (m/s², negative when braking).</summary>
    public const string LongitudinalAcceleration = "LongitudinalAcceleration";

    private static readonly string[] Wanted = [Speed, BrakePedal, HazardLights, LongitudinalAcceleration];
    private readonly DbcFile _dbc;

    /// <summary>Maps with a DBC that defines at least speed, brake pedal and hazard lights.</summary>
    /// <exception cref="DbcException">A required signal is missing.</exception>
    public VehicleSignals(DbcFile dbc)
    {
        ArgumentNullException.ThrowIfNull(dbc);
        foreach (var name in Wanted[..3])
        {
            if (!dbc.Messages.Any(m => m.Signals.Any(s => s.Name == name)))
            {
                throw new DbcException($"The DBC defines no signal {name}.");
            }
        }

        _dbc = dbc;
    }

    /// <summary>The mapped signals a frame carries (name, value, unit).</summary>
    /// <exception cref="DbcException">The frame is shorter than its message's signals need.</exception>
    public IReadOnlyList<(string Name, double Value, string Unit)> Decode(CanFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_dbc.Find(frame.Id, frame.IsExtended) is not { } message)
        {
            return [];
        }

        return message.Signals.Where(s => Wanted.Contains(s.Name)).Select(s => (s.Name, s.Decode(frame.Data), s.Unit)).ToList();
    }
}
