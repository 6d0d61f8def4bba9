namespace Hardware.Positioning.Sumo;

/// <summary>
/// The TraCI command and response identifiers this client uses (SUMO's TraCIConstants.h; the protocol is described at
/// https://sumo.dlr.de/docs/TraCI/Protocol.html and the commands at .../TraCI/Control-related_commands.html).
/// </summary>
public static class TraciCommand
{
    /// <summary>Get Version (response 0x00: API version and the server's name).</summary>
    public const byte GetVersion = 0x00;

    /// <summary>Simulation Step to a target time (response: the subscription results).</summary>
    public const byte SimulationStep = 0x02;

    /// <summary>Close: the server ends the simulation and the connection.</summary>
    public const byte Close = 0x7F;

    /// <summary>Get a vehicle variable.</summary>
    public const byte GetVehicleVariable = 0xA4;

    /// <summary>Get a simulation variable.</summary>
    public const byte GetSimulationVariable = 0xAB;

    /// <summary>Response to <see cref="GetVehicleVariable"/>.</summary>
    public const byte VehicleVariableResponse = 0xB4;

    /// <summary>Response to <see cref="GetSimulationVariable"/>.</summary>
    public const byte SimulationVariableResponse = 0xBB;

    /// <summary>Subscribe to vehicle variables (sent every step until the vehicle leaves).</summary>
    public const byte SubscribeVehicleVariable = 0xD4;

    /// <summary>Subscribe to simulation variables.</summary>
    public const byte SubscribeSimulationVariable = 0xDB;

    /// <summary>Subscription response for a vehicle.</summary>
    public const byte VehicleSubscriptionResponse = 0xE4;

    /// <summary>Subscription response for the simulation.</summary>
    public const byte SimulationSubscriptionResponse = 0xEB;

    /// <summary>Status result: success.</summary>
    public const byte StatusOk = 0x00;

    /// <summary>Status result: the command is not implemented.</summary>
    public const byte StatusNotImplemented = 0x01;

    /// <summary>Status result: error.</summary>
    public const byte StatusError = 0xFF;
}
