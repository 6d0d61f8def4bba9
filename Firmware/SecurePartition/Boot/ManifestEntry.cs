namespace Firmware.SecurePartition.Boot;

/// <summary>One image of the reference manifest.</summary>
/// <param name="Label">Partition label (bootloader, os, idf, app).</param>
/// <param name="Version">Version string the image header must carry.</param>
/// <param name="SecureVersion">Secure version (anti-rollback counter) of this image.</param>
/// <param name="MinimumSecureVersion">Lowest secure version the board may run from now on.</param>
/// <param name="ImageLengthBytes">Header plus body length: the bytes hashed.</param>
/// <param name="Sha256">SHA-256 of those bytes (FIPS 180-4).</param>
public sealed record ManifestEntry(string Label, string Version, uint SecureVersion, uint MinimumSecureVersion, long ImageLengthBytes, byte[] Sha256);
