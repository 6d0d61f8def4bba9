namespace Hardware.Positioning.Sumo;

/// <summary>One vehicle's subscribed variables after a step, in SUMO's network coordinates.</summary>
/// <param name="Id">The vehicle id of the route file.</param>
/// <param name="X">Network x, metres (east in the net's projection).</param>
/// <param name="Y">Network y, metres (north in the net's projection).</param>
/// <param name="Speed">Speed, m/s.</param>
/// <param name="Angle">Angle, degrees clockwise from the network's y axis (grid north).</param>
/// <param name="Acceleration">Longitudinal acceleration, m/s².</param>
public sealed record TraciVehicle(string Id, double X, double Y, double Speed, double Angle, double Acceleration);
