using System;
using Firmware.Nano.Oer;

namespace Firmware.Nano.Integrity;

/// <summary>
/// The report's carrier in HeaderInfo.contributedExtensions (IEEE 1609.2-2022 §6.3 HeaderInfo,
/// ContributedExtensionBlock), as <c>V2x/Integrity/IntegrityReportExtension.cs</c> writes it: one block of
/// the project-private contributor 255 holding one extension, the report, as an open type.
/// </summary>
public static class IntegrityReportExtension
{
    /// <summary>Project-private HeaderInfoContributorId (Docs/formats.md).</summary>
    public const byte ContributorId = 255;

    /// <summary>
    /// Writes the value of contributedExtensions: SEQUENCE (SIZE(1..MAX)) OF ContributedExtensionBlock with one
    /// block { contributorId 255, extns { report } } (the caller wraps it as the HeaderInfo extension addition's open type).
    /// </summary>
    public static void WriteBlocks(OerWriter writer, IntegrityReport report)
    {
        if (writer == null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        if (report == null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        writer.WriteQuantity(1);
        writer.WriteByte(ContributorId);
        writer.WriteQuantity(1);
        writer.WriteLength(IntegrityReport.EncodedSize);
        report.Encode(writer);
    }
}
