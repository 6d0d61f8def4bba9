namespace Hardware.Positioning.Sumo;

/// <summary>The TraCI variable identifiers this client reads (SUMO's TraCIConstants.h; TraCI/Vehicle Value Retrieval, TraCI/Simulation Value Retrieval).</summary>
public static class TraciVariable
{
    /// <summary>Id list (of the domain's objects).</summary>
    public const byte IdList = 0x00;

    /// <summary>Vehicle speed, m/s (double).</summary>
    public const byte Speed = 0x40;

    /// <summary>Vehicle position, network x/y in metres (2D position).</summary>
    public const byte Position = 0x42;

    /// <summary>Vehicle angle, degrees clockwise from the network's north (double).</summary>
    public const byte Angle = 0x43;

    /// <summary>Vehicle acceleration, m/s² (double).</summary>
    public const byte Acceleration = 0x72;

    /// <summary>Simulation time, seconds (double).</summary>
    public const byte Time = 0x66;

    /// <summary>Vehicles that departed in the last step (string list).</summary>
    public const byte DepartedVehicleIds = 0x74;

    /// <summary>Vehicles that arrived (left the network) in the last step (string list).</summary>
    public const byte ArrivedVehicleIds = 0x7A;

    /// <summary>The simulation step length, seconds (double).</summary>
    public const byte DeltaT = 0x7B;

    /// <summary>Vehicles loaded or running and still to come (integer): 0 when the simulation has nothing left.</summary>
    public const byte MinExpectedVehicles = 0x7D;

    /// <summary>Position conversion (network x/y to longitude/latitude and back).</summary>
    public const byte PositionConversion = 0x82;
}
