using V2x.Integrity;
using V2x.Security;

namespace Firmware.Application.Sending;

/// <summary>The application callback of option 1 (patent ¶116): a message was not sent because of a detection.</summary>
/// <param name="Time">When.</param>
/// <param name="Psid">The withheld message's PSID.</param>
/// <param name="Level">The level the partition reported.</param>
/// <param name="Detectors">The detectors that reported.</param>
/// <param name="WithheldSinceDetection">Messages withheld since the detection began, this one included.</param>
public sealed record WithheldMessage(DateTimeOffset Time, Psid Psid, IntegrityLevel Level, DetectorFlags Detectors, int WithheldSinceDetection);
