namespace Hardware.Positioning.Sumo;

/// <summary>The answer to Get Version (TraCI/Control-related commands, command 0x00).</summary>
/// <param name="ApiVersion">The TraCI API version (SUMO 1.15: 20).</param>
/// <param name="Identifier">The server's name and release, e.g. "SUMO 1.15.0".</param>
public sealed record TraciVersion(int ApiVersion, string Identifier);
