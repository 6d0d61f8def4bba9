using V2x.Oer;
using V2x.Security;

namespace V2x.Integrity;

/// <summary>
/// Puts the <see cref="IntegrityReport"/> into, and reads it from, HeaderInfo.contributedExtensions
/// (IEEE 1609.2-2022 §6.3 HeaderInfo, ContributedExtensionBlock) as a project-private contributor.
/// </summary>
/// <remarks>
/// <para>Contributor id <see cref="ContributorId"/> = 255. HeaderInfoContributorId is INTEGER (0..255);
/// IEEE 1609.2 assigns 1 (ieee1609HeaderInfoContributorId) and 2 (etsiHeaderInfoContributorId) and
/// nothing else. Assignments grow from the bottom, so the top value is the one least likely to be
/// assigned later. Its extns element is the IntegrityReport itself (no inner extension id: the report's
/// version octet plays that role), which keeps the carrier within 32 octets.</para>
/// <para>A legacy 1609.2 receiver sees a valid message: contributedExtensions is an extension addition
/// (an open type, X.696 §16.5) and each extns element is an open type (§24), so a decoder that does
/// not know contributor 255 skips its bytes; the signature covers them either way.</para>
/// <para>On the air the carrier costs 31 octets: contributedExtensions open-type length (1),
/// block count (2), contributorId (1), extns count (2), report open-type length (1), report (24).
/// When it is the only HeaderInfo extension addition, the HeaderInfo extension-presence bitmap adds
/// 3 octets shared by all additions (length, unused-bits count, bitmap).</para>
/// </remarks>
public static class IntegrityReportExtension
{
    /// <summary>Project-private HeaderInfoContributorId.</summary>
    public const byte ContributorId = 255;

    /// <summary>A copy of <paramref name="header"/> carrying <paramref name="report"/> (replacing a previous one).</summary>
    public static HeaderInfo Put(HeaderInfo header, IntegrityReport report)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(report);
        var blocks = new List<ContributedExtensionBlock>();
        if (header.ContributedExtensions is not null)
        {
            blocks.AddRange(header.ContributedExtensions.Where(b => b.ContributorId != ContributorId));
        }

        blocks.Add(new ContributedExtensionBlock(ContributorId, [report.Encode()]));
        return header with { ContributedExtensions = blocks };
    }

    /// <summary>The report carried in <paramref name="header"/>, or null when there is none (a legacy sender).</summary>
    /// <exception cref="DecodeException">A block of this contributor is present but malformed, or there are several.</exception>
    public static IntegrityReport? Read(HeaderInfo header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.ContributedExtensions is null)
        {
            return null;
        }

        IntegrityReport? found = null;
        foreach (var block in header.ContributedExtensions)
        {
            if (block.ContributorId != ContributorId)
            {
                continue;
            }

            if (found is not null || block.Extensions.Count != 1)
            {
                throw new DecodeException("HeaderInfo.contributedExtensions", 0, "more than one integrity report");
            }

            found = IntegrityReport.Decode(block.Extensions[0]);
        }

        return found;
    }

    /// <summary>Octets the carrier adds inside contributedExtensions (the figure the 32-octet budget applies to).</summary>
    public static int CarrierSize(IntegrityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var writer = new OerWriter(40);
        var mark = writer.BeginOpenType();
        writer.WriteQuantity(1);
        new ContributedExtensionBlock(ContributorId, [report.Encode()]).Encode(writer);
        writer.EndOpenType(mark);
        return writer.Length;
    }
}
