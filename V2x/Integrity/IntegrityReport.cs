using V2x.Oer;
using V2x.Time;

namespace V2x.Integrity;

/// <summary>
/// The compact integrity report the secure partition appends to every outgoing message
/// (patent ¶120-127 for the levels and detectors, ¶150-153 for the anti-replay counter, nonce and
/// time, ¶204-216 for the posture). Project-private ASN.1, canonical OER (ITU-T X.696):
/// <code>
/// IntegrityReport ::= SEQUENCE {
///   version        Uint8 (2),                 -- this layout
///   overallLevel   ENUMERATED { noAnomaly, anomaly, highAnomaly, compromised },
///   detectors      BIT STRING (SIZE (8)),     -- DetectorFlags at anomaly or worse
///   coverage       BIT STRING (SIZE (8)),     -- DetectorFlags the scan evaluated
///   posture        Uint8,                     -- PostureGrade
///   messageCounter Uint32,                    -- wraps
///   nonce          OCTET STRING (SIZE (8)),
///   reportTime     Time64 }
/// </code>
/// 1 + 1 + 1 + 1 + 1 + 4 + 8 + 8 = 25 octets; no preamble (no optional components, no extension
/// marker: a new layout takes a new version number). A fixed-size BIT STRING of 8 bits is one octet
/// in OER (X.696 §16.2), bit 0 the most significant: the detector classes in the order of
/// <see cref="DetectorFlags"/>, which keeps them in the high octet of its 16-bit value.
/// Version 1 (24 octets, a 16-bit detector bitmap and no coverage or posture) is no longer written
/// or read: a receiver cannot tell what a version-1 sender checked.
/// </summary>
public sealed record IntegrityReport
{
    /// <summary>The only layout version this code writes and reads.</summary>
    public const byte CurrentVersion = 2;

    /// <summary>Encoded size of a version-2 report.</summary>
    public const int EncodedSize = 25;

    /// <summary>The eight detector classes together: the coverage of a sender that evaluated every class (Docs/formats.md §3.4).</summary>
    public const DetectorFlags EveryClass = (DetectorFlags)0xFF00;

    /// <summary>Offset of messageCounter in the encoding (after version, level, detectors, coverage, posture).</summary>
    public const int CounterOffset = 5;

    /// <summary>Builds a report.</summary>
    /// <param name="level">The overall level.</param>
    /// <param name="detectors">The detector classes at anomaly or worse.</param>
    /// <param name="messageCounter">The partition's message counter.</param>
    /// <param name="nonce">Eight random octets (big-endian value).</param>
    /// <param name="reportTime">When the report was made.</param>
    /// <exception cref="ArgumentOutOfRangeException">An undefined level, or detector bits outside the eight classes.</exception>
    public IntegrityReport(IntegrityLevel level, DetectorFlags detectors, uint messageCounter, ulong nonce, Time64 reportTime)
    {
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level));
        }

        Level = level;
        Detectors = CheckClasses(detectors, nameof(detectors));
        MessageCounter = messageCounter;
        Nonce = nonce;
        ReportTime = reportTime;
    }

    public byte Version => CurrentVersion;

    public IntegrityLevel Level { get; }

    /// <summary>The detector classes at anomaly or worse.</summary>
    public DetectorFlags Detectors { get; }

    /// <summary>
    /// The detector classes the scan behind this report evaluated (Docs/formats.md): a class left out
    /// was not required by the policy or could not be read, so its "no anomaly" says nothing.
    /// </summary>
    public DetectorFlags Coverage
    {
        get;
        init => field = CheckClasses(value, nameof(Coverage));
    }

    /// <summary>The posture grade (<see cref="PostureGrade.NotAssessed"/> without posture data).</summary>
    public PostureGrade Posture { get; init; } = PostureGrade.NotAssessed;

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
        writer.WriteByte(ToOctet(Detectors));
        writer.WriteByte(ToOctet(Coverage));
        writer.WriteByte(Posture.Value);
        writer.WriteUInt32(MessageCounter);
        writer.WriteUInt64(Nonce);
        writer.WriteUInt64(ReportTime.Microseconds);
    }

    /// <summary>Decodes a report that must fill <paramref name="encoded"/> exactly.</summary>
    /// <exception cref="DecodeException">Wrong version, undefined level, a reserved posture value, wrong size.</exception>
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
        var detectors = FromOctet(reader.ReadUInt8());
        reader.Pop();
        reader.Push("coverage");
        var coverage = FromOctet(reader.ReadUInt8());
        reader.Pop();
        reader.Push("posture");
        var postureOffset = reader.Position;
        var posture = PostureGrade.FromOctet(reader.ReadUInt8()) ?? throw reader.FailAt(postureOffset, "reserved posture grade value");
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
        return new IntegrityReport(level, detectors, counter, nonce, time) { Coverage = coverage, Posture = posture };
    }

    private static DetectorFlags CheckClasses(DetectorFlags flags, string name) =>
        (flags & ~EveryClass) == 0 ? flags : throw new ArgumentOutOfRangeException(name, flags, "detector classes live in the high octet");

    private static byte ToOctet(DetectorFlags flags) => (byte)((ushort)flags >> 8);

    private static DetectorFlags FromOctet(byte octet) => (DetectorFlags)(octet << 8);
}
