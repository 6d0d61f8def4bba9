using V2x.Integrity;
using V2x.Security;

namespace Firmware.Application.Sending;

/// <summary>One message handed to the sender and what became of it.</summary>
/// <param name="Time">When (sender clock).</param>
/// <param name="Psid">The message's PSID.</param>
/// <param name="Status">Transmitted, withheld, refused or failed.</param>
/// <param name="ReportIncluded">Whether the integrity report is in the message.</param>
/// <param name="Level">The level the partition reported (NoAnomaly when it did not sign).</param>
/// <param name="Detectors">The detectors the partition reported.</param>
/// <param name="Counter">The message counter of the signed message (0 when it did not sign).</param>
/// <param name="Frame">The frame put on the radio, when transmitted.</param>
/// <param name="Detail">Why it was refused or failed.</param>
public sealed record SendResult(DateTimeOffset Time, Psid Psid, SendStatus Status, bool ReportIncluded, IntegrityLevel Level, DetectorFlags Detectors,
    uint Counter, byte[]? Frame, string Detail = "");
