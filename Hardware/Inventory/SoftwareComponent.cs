namespace Hardware.Inventory;

/// <summary>One installed software component or application for the software bill of materials.</summary>
/// <param name="Name">Component name.</param>
/// <param name="Version">Version string.</param>
/// <param name="HashSource">Where its bytes are to hash: "partition:LABEL" or "file:/path".</param>
public sealed record SoftwareComponent(string Name, string Version, string HashSource);
