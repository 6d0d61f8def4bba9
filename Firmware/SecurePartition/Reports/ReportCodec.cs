using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Triggers;
using Hardware.Inventory;
using V2x.Integrity;

namespace Firmware.SecurePartition.Reports;

/// <summary>
/// Binary form of <see cref="DetailedReport"/> (black-box payload, protocol body), big-endian,
/// <see cref="ByteWriter"/> conventions:
/// <code>
/// u8 format (1) | time | text board | u8 trigger | text detail | bool full scan | u8 level | u16 bitmap
/// | list result { u16 detector, u8 status, u8 level,
///                 list evidence { text rule, text subject, u8 level, text detail,
///                                 u8 flags (bit0 value, bit1 x, bit2 y), [f64 value] [f64 x] [f64 y] } }
/// | list latch { u16 detector, u8 level, time since, time last seen, u32 clean scans, u64 generation, text reason }
/// | list stage { text label, text version, u32 secure version, bytes sha256, u8 verdict, text detail }
/// | u64 flash generation
/// | list sbom { text name, text version, text source, bytes sha256 }
/// | list hbom { text id, text kind, text vendor, text model, text version }
/// | bool has posture | [posture status, Posture/PostureStatusCodec]          -- format 2 only
/// </code>
/// Format 1 (without the posture) is still read: the black box keeps reports written before it.
/// </summary>
public static class ReportCodec
{
    /// <summary>Format byte written (2: with the posture section).</summary>
    public const byte Format = 2;

    /// <summary>Largest encoded report accepted.</summary>
    public const int MaxBytes = 256 * 1024;

    private const int MaxItems = 4096;

    /// <summary>Encodes a report.</summary>
    public static byte[] Encode(DetailedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var w = new ByteWriter(2048);
        w.U8(Format).Time(report.Time).Text(report.Board).U8((byte)report.Trigger).Text(Clip(report.TriggerDetail)).Bool(report.FullScan)
            .U8((byte)report.Level).U16((ushort)report.Detectors);
        w.List(report.Results.ToList(), static (w, r) =>
        {
            w.U16((ushort)r.Detector).U8((byte)r.Status).U8((byte)r.Level);
            w.List(r.Evidence.Take(MaxItems).ToList(), static (w, e) =>
            {
                var flags = (byte)((e.Value is null ? 0 : 1) | (e.AnomalyThreshold is null ? 0 : 2) | (e.HighThreshold is null ? 0 : 4));
                w.Text(e.Rule).Text(Clip(e.Subject)).U8((byte)e.Level).Text(Clip(e.Detail)).U8(flags);
                if (e.Value is { } v)
                {
                    w.F64(v);
                }

                if (e.AnomalyThreshold is { } x)
                {
                    w.F64(x);
                }

                if (e.HighThreshold is { } y)
                {
                    w.F64(y);
                }
            });
        });
        w.List(report.Latches.ToList(), static (w, l) =>
            w.U16((ushort)l.Detector).U8((byte)l.Level).Time(l.Since).Time(l.LastSeen).U32((uint)l.CleanScans).U64(l.FlashGeneration).Text(Clip(l.Reason)));
        w.List(report.BootStages.ToList(), static (w, s) =>
            w.Text(s.Label).Text(s.Version).U32(s.SecureVersion).Bytes(s.Sha256).U8((byte)s.Verdict).Text(Clip(s.Detail)));
        w.U64(report.FlashGeneration);
        w.List(report.Software.ToList(), static (w, s) => w.Text(s.Name).Text(s.Version).Text(s.Source).Bytes(s.Sha256));
        w.List(report.Hardware.ToList(), static (w, h) => w.Text(h.Id).Text(h.Kind).Text(h.Vendor).Text(h.Model).Text(h.Version));
        w.Bool(report.Posture is not null);
        if (report.Posture is { } posture)
        {
            Posture.PostureStatusCodec.Write(w, posture);
        }

        return w.ToArray();
    }

    /// <summary>Decodes a report.</summary>
    /// <exception cref="MalformedDataException">Not a report.</exception>
    public static DetailedReport Decode(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new MalformedDataException("DetailedReport", 0, $"{bytes.Length} bytes exceed {MaxBytes}");
        }

        var r = new ByteReader(bytes, "DetailedReport");
        var format = r.U8("format");
        if (format is not (1 or Format))
        {
            throw r.Fail("format", 0, $"format is not 1 or {Format}");
        }

        var report = new DetailedReport
        {
            Time = r.Time("time"),
            Board = r.Text("board"),
            Trigger = r.Enum<TriggerKind>("trigger"),
            TriggerDetail = r.Text("detail"),
            FullScan = r.Bool("fullScan"),
            Level = r.Enum<IntegrityLevel>("level"),
            Detectors = (DetectorFlags)r.U16("detectors"),
            Results = r.List("results", 16, static r =>
            {
                var detector = (DetectorFlags)r.U16("detector");
                var status = r.Enum<DetectorStatus>("status");
                var level = r.Enum<IntegrityLevel>("level");
                var evidence = r.List("evidence", MaxItems, static r =>
                {
                    var rule = r.Text("rule");
                    var subject = r.Text("subject");
                    var level = r.Enum<IntegrityLevel>("level");
                    var detail = r.Text("detail");
                    var at = r.Offset;
                    var flags = r.U8("flags");
                    if (flags > 7)
                    {
                        throw r.Fail("flags", at, "unknown flag bits");
                    }

                    double? value = (flags & 1) != 0 ? r.F64("value") : null;
                    double? x = (flags & 2) != 0 ? r.F64("x") : null;
                    double? y = (flags & 4) != 0 ? r.F64("y") : null;
                    return new Evidence(rule, subject, level, detail, value, x, y);
                });
                return new DetectorResult(detector, status, level, evidence);
            }),
            Latches = r.List("latches", 16, static r => new Latch((DetectorFlags)r.U16("detector"), r.Enum<IntegrityLevel>("level"), r.Time("since"),
                r.Time("lastSeen"), (int)Math.Min(int.MaxValue, r.U32("cleanScans")), r.U64("generation"), r.Text("reason"))),
            BootStages = r.List("boot", 16, static r => new StageMeasurement(r.Text("label"), r.Text("version"), r.U32("secureVersion"),
                r.Bytes("sha256", 32), r.Enum<StageVerdict>("verdict"), r.Text("detail"))),
            FlashGeneration = r.U64("flashGeneration"),
            Software = r.List("software", MaxItems, static r => new SbomEntry(r.Text("name"), r.Text("version"), r.Text("source"), r.Bytes("sha256", 32))),
            Hardware = r.List("hardware", MaxItems, static r => new HardwareDevice(r.Text("id"), r.Text("kind"), r.Text("vendor"), r.Text("model"), r.Text("version"))),
        };
        if (format == Format && r.Bool("hasPosture"))
        {
            report = report with { Posture = Posture.PostureStatusCodec.Read(r) };
        }

        r.ExpectEnd();
        return report;
    }

    private static string Clip(string s) => s.Length <= 1000 ? s : s[..1000];
}
