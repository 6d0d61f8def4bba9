namespace Firmware.SecurePartition.Posture;

/// <summary>What the posture server knows about one component (patent ¶204-216).</summary>
/// <param name="Name">Component name (as in the software inventory).</param>
/// <param name="InstalledVersion">The version the server assessed (the one the request named).</param>
/// <param name="LatestVersion">The newest version available.</param>
/// <param name="CvssTenths">Highest CVSS v3 base score of its known vulnerabilities, in tenths (0..100).</param>
/// <param name="KnownVulnerabilities">How many known vulnerabilities the version has.</param>
/// <param name="PatchAvailable">Whether a patch for them exists.</param>
public sealed record PostureComponent(string Name, string InstalledVersion, string LatestVersion, byte CvssTenths, ushort KnownVulnerabilities, bool PatchAvailable);
