using System;
using Firmware.Nano.Integrity;
using Firmware.Nano.Oer;

namespace Firmware.Nano.Security;

/// <summary>
/// The HeaderInfo an MCU writes (IEEE 1609.2-2016 §6.3, extension additions of 1609.2a-2017 and 2022): psid,
/// generationTime, for a DENM generationLocation (ETSI TS 103 097 v2.1.1 §7.1.2), and the integrity report in
/// the fourth extension addition, contributedExtensions. The other optional components are never present.
/// Byte-identical to <c>V2x.Security.HeaderInfo</c> with the same components.
/// </summary>
public sealed class HeaderInfo
{
    // generationTime, expiryTime, generationLocation, p2pcdLearningRequest, missingCrlIdentifier, encryptionKey.
    private const int RootOptionals = 6;

    // inlineP2pcdRequest, requestedCertificate, pduFunctionalType, contributedExtensions.
    private const int Additions = 4;

    /// <summary>A header.</summary>
    /// <param name="psid">The payload's PSID (<see cref="Psids"/>).</param>
    /// <param name="generationTimeMicroseconds">Time64 of generation (TAI µs since 2004-01-01).</param>
    /// <param name="generationLocation">The generation location, or null (a CAM carries none).</param>
    /// <param name="report">The integrity report, or null (option 3 of the sending policy leaves it out).</param>
    public HeaderInfo(ulong psid, ulong generationTimeMicroseconds, ThreeDLocation generationLocation, IntegrityReport report)
    {
        Psid = psid;
        GenerationTime = generationTimeMicroseconds;
        GenerationLocation = generationLocation;
        Report = report;
    }

    /// <summary>The PSID.</summary>
    public ulong Psid { get; }

    /// <summary>Time64 of generation.</summary>
    public ulong GenerationTime { get; }

    /// <summary>The generation location, or null.</summary>
    public ThreeDLocation GenerationLocation { get; }

    /// <summary>The integrity report, or null.</summary>
    public IntegrityReport Report { get; }

    /// <summary>Appends the canonical OER encoding.</summary>
    public void Encode(OerWriter writer)
    {
        if (writer == null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        // X.696 §16.2-16.3: extension bit, then presence bits generationTime (present), expiryTime,
        // generationLocation, p2pcdLearningRequest, missingCrlIdentifier, encryptionKey.
        var presence = 0x20u | (GenerationLocation != null ? 0x08u : 0u);
        writer.WritePreamble(true, Report != null, presence, RootOptionals);
        writer.WriteSemiConstrainedUnsigned(Psid);
        writer.WriteUInt64(GenerationTime);
        if (GenerationLocation != null)
        {
            GenerationLocation.Encode(writer);
        }

        if (Report == null)
        {
            return;
        }

        // X.696 §16.4-16.5: the addition bitmap (contributedExtensions is the fourth addition), then the
        // addition as an open type.
        writer.WriteExtensionBitmap(1u << 3, Additions);
        var mark = writer.BeginOpenType();
        IntegrityReportExtension.WriteBlocks(writer, Report);
        writer.EndOpenType(mark);
    }
}
