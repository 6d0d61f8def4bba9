namespace Firmware.SecurePartition.Boot;

/// <summary>The measurement of one boot stage (patent ¶138-141).</summary>
/// <param name="Label">Partition label.</param>
/// <param name="Version">Version from the image header, or empty when unreadable.</param>
/// <param name="SecureVersion">Secure version from the header (0 when unreadable).</param>
/// <param name="Sha256">SHA-256 of header plus body (empty when unreadable).</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Detail">Why, in words.</param>
public sealed record StageMeasurement(string Label, string Version, uint SecureVersion, byte[] Sha256, StageVerdict Verdict, string Detail);
