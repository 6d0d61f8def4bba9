namespace Firmware.SecurePartition.Policy;

/// <summary>
/// The sending option (patent ¶115-119): what the integrity report decides about sending. Part of the OEM-signed
/// detection policy (<see cref="DetectionPolicy.SendingOption"/>), so the application cannot choose or change it:
/// the secure partition decides from it, per message, whether the report travels, and tells the application
/// which option is in force so that option 1's withholding follows it.
/// </summary>
public enum SendingPolicy
{
    /// <summary>
    /// Option 1: include the report only when nothing is detected; on a detection send no message but
    /// signal instead (application callback, CAN frame to the HMI unit, upstream alert, visual and audible alerts).
    /// The partition still signs with the report, so a message sent against the option says what was detected.
    /// </summary>
    ReportOnlyWhenClean = 1,

    /// <summary>Option 2: always include the report.</summary>
    AlwaysInclude = 2,

    /// <summary>
    /// Option 3: include the report only in safety-critical messages (DENM always, and the policy's
    /// safety-critical PSIDs), not in CAMs, while no latch is above no anomaly; once one is, every message.
    /// </summary>
    SafetyCriticalOnly = 3,
}
