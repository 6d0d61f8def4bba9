namespace Hardware.Positioning.Sumo;

/// <summary>What one simulation step returned through the subscriptions.</summary>
/// <param name="Time">The simulation time reached, seconds.</param>
/// <param name="Departed">Vehicles that entered the network in this step.</param>
/// <param name="Arrived">Vehicles that left the network in this step.</param>
/// <param name="Vehicles">The subscribed vehicles still in the network, with their variables.</param>
public sealed record TraciStep(double Time, IReadOnlyList<string> Departed, IReadOnlyList<string> Arrived, IReadOnlyList<TraciVehicle> Vehicles);
