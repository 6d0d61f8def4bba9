namespace Firmware.Application.Sending;

/// <summary>What the integrity report decides about sending (patent ¶115-119).</summary>
public enum SendingPolicy
{
    /// <summary>
    /// Option 1: include the report only when nothing is detected; on a detection send no message but
    /// signal instead (application callback, CAN frame to the HMI unit, upstream alert, visual and audible alerts).
    /// </summary>
    ReportOnlyWhenClean = 1,

    /// <summary>Option 2: always include the report.</summary>
    AlwaysInclude = 2,

    /// <summary>Option 3: include the report only in safety-critical messages (DENM yes, CAM no).</summary>
    SafetyCriticalOnly = 3,
}
