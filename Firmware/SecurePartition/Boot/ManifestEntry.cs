namespace Firmware.SecurePartition.Boot;

/// <summary>One image of the reference manifest, or one file of a deployment stage's manifest.</summary>
/// <param name="Label">Partition label (bootloader, os, idf, app), or the file's path relative to the deployment root ('/'-separated).</param>
/// <param name="Version">Version string the image header must carry (a file: its assembly file version, else the release).</param>
/// <param name="SecureVersion">Secure version (anti-rollback counter) of this image or file.</param>
/// <param name="MinimumSecureVersion">Lowest secure version the board may run from now on.</param>
/// <param name="ImageLengthBytes">Header plus body length, or the file's size: the bytes hashed.</param>
/// <param name="Sha256">SHA-256 of those bytes (FIPS 180-4).</param>
/// <param name="Mode">A file's permission bits (07777; format 2 only, 0 for images).</param>
public sealed record ManifestEntry(string Label, string Version, uint SecureVersion, uint MinimumSecureVersion, long ImageLengthBytes, byte[] Sha256, uint Mode = 0);
