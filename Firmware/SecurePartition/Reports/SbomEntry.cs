namespace Firmware.SecurePartition.Reports;

/// <summary>One software bill-of-materials entry (patent ¶127).</summary>
/// <param name="Name">Component name.</param>
/// <param name="Version">Installed version.</param>
/// <param name="Source">Where it lives ("partition:app", "file:/...").</param>
/// <param name="Sha256">Measured SHA-256 when the component is a measured image, else empty.</param>
public sealed record SbomEntry(string Name, string Version, string Source, byte[] Sha256);
