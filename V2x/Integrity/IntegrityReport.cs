using V2x.Oer;
using V2x.Time;

namespace V2x.Integrity;

/// <summary>
/// The compact integrity report the secure partition appends to every outgoing message
/// (patent ¶120-127 for the levels and detectors, ¶150-153 for the anti-replay counter, nonce and
/// time). Project-private ASN.1, canonical OER (ITU-T X.696):
/// <code>
/// IntegrityReport ::= SEQUENCE {
///   version        Uint8 (1),                 -- this layout
///   overallLevel   ENUMERATED { noAnomaly, anomaly, highAnomaly, compromised },
///   detectors      BIT STRING (SIZE (16)),    -- DetectorFlags
///   messageCounter Uint32,                    -- wraps
///   nonce          OCTET STRING (SIZE (8)),
///   reportTime     Time64 }
/// </code>
/// 1 + 1 + 2 + 4 + 8 + 8 = 24 octets; no preamble (no optional components, no extension marker:
/// a new layout takes a new version number).
/// </summary>
public sealed record IntegrityReport
{
    /// <summary>The only layout version this code writes and reads.</summary>
    public const byte CurrentVersion = 1;

    /// <summary>Encoded size of a version-1 report.</summary>
    public const int EncodedSize = 24;

    public IntegrityReport(IntegrityLevel level, DetectorFlags detectors, uint messageCounter, ulong nonce, Time64 reportTime)
    {
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level));
        }

        Level = level;
        Detectors = detectors;
        MessageCounter = messageCounter;
        Nonce = nonce;
        ReportTime = reportTime;
    }

    public byte Version => CurrentVersion;

    public IntegrityLevel Level { get; }

    public DetectorFlags Detectors { get; }

    /// <summary>Message counter kept by the secure partition; wraps from 2^32−1 to 0.</summary>
    public uint MessageCounter { get; }

    /// <summary>Eight random octets (big-endian value).</summary>
    public ulong Nonce { get; }

    public Time64 ReportTime { get; }

    public byte[] Encode()
    {
        var writer = new OerWriter(EncodedSize);
        Encode(writer);
        return writer.ToArray();
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte(CurrentVersion);
        writer.WriteEnumerated((int)Level);
        writer.WriteUInt16((ushort)Detectors);
        writer.WriteUInt32(MessageCounter);
        writer.WriteUInt64(Nonce);
        writer.WriteUInt64(ReportTime.Microseconds);
    }

    /// <summary>Decodes a report that must fill <paramref name="encoded"/> exactly.</summary>
    /// <exception cref="DecodeException">Wrong version, undefined level, wrong size.</exception>
    public static IntegrityReport Decode(ReadOnlyMemory<byte> encoded)
    {
        var reader = new OerReader(encoded, "IntegrityReport");
        reader.Push("version");
        var version = reader.ReadUInt8();
        if (version != CurrentVersion)
        {
            throw reader.FailAt(0, $"integrity report version {version}, expected {CurrentVersion}");
        }

        reader.Pop();
        reader.Push("overallLevel");
        var level = (IntegrityLevel)reader.ReadEnumerated(static v => v is >= 0 and <= 3);
        reader.Pop();
        reader.Push("detectors");
        var detectors = (DetectorFlags)reader.ReadUInt16();
        reader.Pop();
        reader.Push("messageCounter");
        var counter = reader.ReadUInt32();
        reader.Pop();
        reader.Push("nonce");
        var nonce = reader.ReadUInt64();
        reader.Pop();
        reader.Push("reportTime");
        var time = new Time64(reader.ReadUInt64());
        reader.Pop();
        reader.ExpectEnd();
        return new IntegrityReport(level, detectors, counter, nonce, time);
    }
}
