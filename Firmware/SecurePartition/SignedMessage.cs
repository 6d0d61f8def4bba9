using Firmware.SecurePartition.Policy;
using V2x.Integrity;

namespace Firmware.SecurePartition;

/// <summary>The answer to an augment-and-sign request.</summary>
/// <param name="Spdu">The signed Ieee1609Dot2Data bytes.</param>
/// <param name="Level">The level reported (the application applies option 1's withholding on it).</param>
/// <param name="Detectors">The detector bitmap reported.</param>
/// <param name="MessageCounter">The on-air counter value in the report.</param>
/// <param name="ReportIncluded">Whether the report is in the message (the partition decided).</param>
/// <param name="SendingOption">The sending option of the signed policy, which the application follows.</param>
public sealed record SignedMessage(byte[] Spdu, IntegrityLevel Level, DetectorFlags Detectors, uint MessageCounter, bool ReportIncluded, SendingPolicy SendingOption);
