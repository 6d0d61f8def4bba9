namespace Firmware.SecurePartition.Policy;

/// <summary>
/// What an indicator deny rule matches (ITU-T X.1382 §9.3.1.4 c: received indicators deployed to a
/// cybersecurity device). Each kind maps to one detector class (Docs/upstream.md, "Return path").
/// </summary>
public enum IndicatorRuleKind : byte
{
    /// <summary>A known malicious image: SHA-256 of a measured boot stage (integrity detector).</summary>
    ImageHash = 1,

    /// <summary>A known malicious process name (process detector).</summary>
    ProcessName = 2,

    /// <summary>A known malicious peer: an address or CIDR block, optionally one port (network detector).</summary>
    Peer = 3,

    /// <summary>A known malicious software version: name and version in the software inventory (integrity detector).</summary>
    SoftwareVersion = 4,
}
