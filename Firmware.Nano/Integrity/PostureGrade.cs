using System;

namespace Firmware.Nano.Integrity;

/// <summary>
/// The one-octet posture grade of the report (patent ¶204-216; layout in <c>V2x/Integrity/PostureGrade.cs</c>
/// and Docs/formats.md): bits 7-5 severity, bit 4 application up to date, bit 3 IDF up to date, bits 2-0 poll age.
/// </summary>
public static class PostureGrade
{
    /// <summary>No posture data: severity not assessed, nothing known to be up to date, never polled (0xE7).</summary>
    public const byte NotAssessed = 0xE7;

    /// <summary>The octet of a grade.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A reserved severity or age value.</exception>
    public static byte Encode(PostureSeverity severity, bool appUpToDate, bool idfUpToDate, PollAge lastPoll)
    {
        if (!IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity));
        }

        if (!IsDefined(lastPoll))
        {
            throw new ArgumentOutOfRangeException(nameof(lastPoll));
        }

        return (byte)(((int)severity << 5) | (appUpToDate ? 0x10 : 0) | (idfUpToDate ? 0x08 : 0) | (int)lastPoll);
    }

    /// <summary>Whether an octet uses only defined values (5 and 6 are reserved in both three-bit fields).</summary>
    public static bool IsValid(byte value) => IsDefined((PostureSeverity)(value >> 5)) && IsDefined((PollAge)(value & 0x07));

    private static bool IsDefined(PostureSeverity severity) => severity <= PostureSeverity.Critical || severity == PostureSeverity.NotAssessed;

    private static bool IsDefined(PollAge age) => age <= PollAge.Older || age == PollAge.Never;
}
