using System;

namespace Firmware.Nano.Integrity;

/// <summary>
/// The detector classes of the report's detectors and coverage octets (mission §2, patent ¶95-104): the
/// same values as <c>V2x.Integrity.DetectorFlags</c>, high octet of a 16-bit value, bit 0 (most
/// significant) first on the air.
/// </summary>
[Flags]
public enum DetectorFlags : ushort
{
    /// <summary>No class.</summary>
    None = 0,

    /// <summary>Security-policy violations (not run on the MCU: no policy engine there).</summary>
    SecurityPolicy = 0x8000,

    /// <summary>Heap and stack watermarks.</summary>
    Memory = 0x4000,

    /// <summary>Network (not run on the MCU: the radio stack is the application's).</summary>
    Network = 0x2000,

    /// <summary>The task list against the policy.</summary>
    Process = 0x1000,

    /// <summary>Task-manager anomalies (not run on the MCU).</summary>
    TaskManager = 0x0800,

    /// <summary>Crashes: brown-out, watchdog and panic resets.</summary>
    Crash = 0x0400,

    /// <summary>Boot-partition digests against the signed manifest.</summary>
    IntegrityCheck = 0x0200,

    /// <summary>Secure-element tamper and health.</summary>
    HsmTamper = 0x0100,
}
