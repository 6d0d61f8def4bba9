namespace V2x.Integrity;

/// <summary>
/// Which detector classes reported an anomaly (mission §2, patent ¶95-104). One bit each in the
/// 16-bit detector bitmap of <see cref="IntegrityReport"/>; bit 0 is the most significant bit on the air.
/// </summary>
[Flags]
public enum DetectorFlags : ushort
{
    None = 0,
    SecurityPolicy = 0x8000,
    Memory = 0x4000,
    Network = 0x2000,
    Process = 0x1000,
    TaskManager = 0x0800,
    Crash = 0x0400,
    IntegrityCheck = 0x0200,
    HsmTamper = 0x0100,
}
