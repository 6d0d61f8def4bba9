using System;
using Firmware.Nano.Oer;

namespace Firmware.Nano.Integrity;

/// <summary>
/// The compact integrity report, version 2 (25 octets), exactly as <c>V2x/Integrity/IntegrityReport.cs</c>
/// writes it (patent ¶120-127, ¶150-153, ¶204-216; project-private ASN.1 in canonical OER, X.696):
/// version Uint8 (2), overallLevel ENUMERATED, detectors BIT STRING (SIZE (8)), coverage BIT STRING (SIZE (8)),
/// posture Uint8, messageCounter Uint32, nonce OCTET STRING (SIZE (8)), reportTime Time64.
/// </summary>
public sealed class IntegrityReport
{
    /// <summary>The layout version written.</summary>
    public const byte CurrentVersion = 2;

    /// <summary>Encoded size.</summary>
    public const int EncodedSize = 25;

    /// <summary>Builds a report.</summary>
    /// <param name="level">The overall level.</param>
    /// <param name="detectors">The detector classes at anomaly or worse.</param>
    /// <param name="coverage">The detector classes the scan evaluated.</param>
    /// <param name="posture">The posture grade octet (<see cref="PostureGrade"/>).</param>
    /// <param name="messageCounter">The counter value on the air.</param>
    /// <param name="nonce">Eight random octets.</param>
    /// <param name="reportTimeMicroseconds">Time64: TAI microseconds since 2004-01-01 (IEEE 1609.2 §6.3.11).</param>
    /// <exception cref="ArgumentOutOfRangeException">An undefined level, detector bits outside the eight classes, a reserved posture value.</exception>
    /// <exception cref="ArgumentException">A nonce that is not eight octets.</exception>
    public IntegrityReport(IntegrityLevel level, DetectorFlags detectors, DetectorFlags coverage, byte posture, uint messageCounter,
        byte[] nonce, ulong reportTimeMicroseconds)
    {
        if (level < IntegrityLevel.NoAnomaly || level > IntegrityLevel.Compromised)
        {
            throw new ArgumentOutOfRangeException(nameof(level));
        }

        if (((ushort)detectors & 0x00FF) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(detectors), "detector classes live in the high octet");
        }

        if (((ushort)coverage & 0x00FF) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(coverage), "detector classes live in the high octet");
        }

        if (!PostureGrade.IsValid(posture))
        {
            throw new ArgumentOutOfRangeException(nameof(posture), "reserved posture grade value");
        }

        if (nonce == null || nonce.Length != 8)
        {
            throw new ArgumentException("the nonce is eight octets", nameof(nonce));
        }

        Level = level;
        Detectors = detectors;
        Coverage = coverage;
        Posture = posture;
        MessageCounter = messageCounter;
        Nonce = nonce;
        ReportTime = reportTimeMicroseconds;
    }

    /// <summary>The overall level.</summary>
    public IntegrityLevel Level { get; }

    /// <summary>The detector classes at anomaly or worse.</summary>
    public DetectorFlags Detectors { get; }

    /// <summary>The detector classes evaluated.</summary>
    public DetectorFlags Coverage { get; }

    /// <summary>The posture grade octet.</summary>
    public byte Posture { get; }

    /// <summary>The counter value on the air.</summary>
    public uint MessageCounter { get; }

    /// <summary>Eight random octets.</summary>
    public byte[] Nonce { get; }

    /// <summary>Time64 of the report.</summary>
    public ulong ReportTime { get; }

    /// <summary>The 25 octets.</summary>
    public byte[] Encode()
    {
        var writer = new OerWriter(EncodedSize);
        Encode(writer);
        return writer.ToArray();
    }

    /// <summary>Appends the 25 octets to <paramref name="writer"/>.</summary>
    public void Encode(OerWriter writer)
    {
        if (writer == null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        writer.WriteByte(CurrentVersion);
        writer.WriteEnumerated((int)Level);

        // X.696 §16.2: a fixed-size BIT STRING of eight bits is its one octet, bit 0 the most significant.
        writer.WriteByte((byte)((ushort)Detectors >> 8));
        writer.WriteByte((byte)((ushort)Coverage >> 8));
        writer.WriteByte(Posture);
        writer.WriteUInt32(MessageCounter);
        writer.WriteRaw(Nonce, 0, 8);
        writer.WriteUInt64(ReportTime);
    }
}
