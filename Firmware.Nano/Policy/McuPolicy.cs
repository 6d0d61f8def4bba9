using System;
using Firmware.Nano.Integrity;
using Firmware.Nano.Oer;

namespace Firmware.Nano.Policy;

/// <summary>
/// The OEM-signed detection policy of the MCU (document kind 4): which detectors are required, the heap and
/// stack bands, the crash limit and the task list. Body, big-endian:
/// <code>
/// u8 format (1) | u32 policy version | u16 required detectors | u32 heap anomaly below | u32 heap high below
/// | u32 stack anomaly below | u32 stack high below | u8 crash resets in a row for high anomaly
/// | bool report unexpected tasks | u16 n, n × text expected task | u16 m, m × text tolerated task
/// </code>
/// (text: u16 length and ASCII). Encoded here and by the flash tool through this same class.
/// </summary>
public sealed class McuPolicy
{
    /// <summary>The body format.</summary>
    public const byte Format = 1;

    private const int MaxTasks = 64;

    /// <summary>
    /// The policy in force when no signed policy can be opened: every MCU detector required, 16 KiB / 4 KiB heap
    /// bands, 512 / 128 byte stack bands, three crash resets in a row; no task list (the integrity detector
    /// reports the missing policy as a compromise in any case).
    /// </summary>
    public static readonly McuPolicy Fallback = new McuPolicy(0,
        DetectorFlags.Memory | DetectorFlags.Process | DetectorFlags.Crash | DetectorFlags.IntegrityCheck | DetectorFlags.HsmTamper,
        16 * 1024, 4 * 1024, 512, 128, 3, false, null, null);

    /// <summary>A policy; call <see cref="Validate"/> before use.</summary>
    public McuPolicy(uint policyVersion, DetectorFlags requiredDetectors, int heapAnomalyBelowBytes, int heapHighBelowBytes,
        int stackAnomalyBelowBytes, int stackHighBelowBytes, int crashResetsForHigh, bool reportUnexpectedTasks,
        string[] expectedTasks, string[] toleratedTasks)
    {
        PolicyVersion = policyVersion;
        RequiredDetectors = requiredDetectors;
        HeapAnomalyBelowBytes = heapAnomalyBelowBytes;
        HeapHighBelowBytes = heapHighBelowBytes;
        StackAnomalyBelowBytes = stackAnomalyBelowBytes;
        StackHighBelowBytes = stackHighBelowBytes;
        CrashResetsForHigh = crashResetsForHigh;
        ReportUnexpectedTasks = reportUnexpectedTasks;
        ExpectedTasks = expectedTasks ?? new string[0];
        ToleratedTasks = toleratedTasks ?? new string[0];
    }

    /// <summary>Monotonic policy version.</summary>
    public uint PolicyVersion { get; }

    /// <summary>Detectors that must run: one that cannot read its capability raises an anomaly.</summary>
    public DetectorFlags RequiredDetectors { get; }

    /// <summary>Anomaly when the heap low-water mark falls below this many bytes.</summary>
    public int HeapAnomalyBelowBytes { get; }

    /// <summary>High anomaly when the heap low-water mark falls below this many bytes.</summary>
    public int HeapHighBelowBytes { get; }

    /// <summary>Anomaly when a task's stack high-water mark falls below this many bytes.</summary>
    public int StackAnomalyBelowBytes { get; }

    /// <summary>High anomaly when a task's stack high-water mark falls below this many bytes.</summary>
    public int StackHighBelowBytes { get; }

    /// <summary>Crash resets in a row (without a clean power-on between) that make a high anomaly.</summary>
    public int CrashResetsForHigh { get; }

    /// <summary>Whether a task neither expected nor tolerated is a finding.</summary>
    public bool ReportUnexpectedTasks { get; }

    /// <summary>Tasks that must run.</summary>
    public string[] ExpectedTasks { get; }

    /// <summary>Tasks that may run.</summary>
    public string[] ToleratedTasks { get; }

    /// <summary>Checks the bands and lists.</summary>
    /// <exception cref="ArgumentException">A band upside down, a negative size, a crash limit below 1, an empty task name.</exception>
    public void Validate()
    {
        Check(HeapHighBelowBytes >= 0 && HeapHighBelowBytes <= HeapAnomalyBelowBytes, "heap bands 0 <= high <= anomaly");
        Check(StackHighBelowBytes >= 0 && StackHighBelowBytes <= StackAnomalyBelowBytes, "stack bands 0 <= high <= anomaly");
        Check(CrashResetsForHigh >= 1 && CrashResetsForHigh <= 255, "crash resets for high anomaly in 1..255");
        Check(ExpectedTasks.Length <= MaxTasks && ToleratedTasks.Length <= MaxTasks, "at most 64 tasks per list");
        Check(((ushort)RequiredDetectors & 0x00FF) == 0, "required detectors are detector classes");
        foreach (var t in ExpectedTasks)
        {
            Check(t != null && t.Length > 0 && t.Length <= 16, "task names of 1..16 characters");
        }

        foreach (var t in ToleratedTasks)
        {
            Check(t != null && t.Length > 0 && t.Length <= 16, "task names of 1..16 characters");
        }
    }

    /// <summary>Whether <paramref name="task"/> is expected or tolerated.</summary>
    public bool Knows(string task) => Contains(ExpectedTasks, task) || Contains(ToleratedTasks, task);

    /// <summary>The body.</summary>
    public byte[] Encode()
    {
        Validate();
        var w = new OerWriter(128);
        w.WriteByte(Format);
        w.WriteUInt32(PolicyVersion);
        w.WriteUInt16((ushort)RequiredDetectors);
        w.WriteUInt32((uint)HeapAnomalyBelowBytes);
        w.WriteUInt32((uint)HeapHighBelowBytes);
        w.WriteUInt32((uint)StackAnomalyBelowBytes);
        w.WriteUInt32((uint)StackHighBelowBytes);
        w.WriteByte((byte)CrashResetsForHigh);
        w.WriteByte(ReportUnexpectedTasks ? (byte)1 : (byte)0);
        WriteList(w, ExpectedTasks);
        WriteList(w, ToleratedTasks);
        return w.ToArray();
    }

    /// <summary>Decodes and validates a body.</summary>
    /// <exception cref="MalformedDataException">Not a policy body, or one that does not validate.</exception>
    public static McuPolicy Decode(byte[] body)
    {
        var r = new OerReader(body, "McuPolicy");
        var format = r.ReadByte("format");
        if (format != Format)
        {
            throw r.Fail("format", "format " + format + " is not " + Format);
        }

        var version = r.ReadUInt32("policyVersion");
        var required = (DetectorFlags)r.ReadUInt16("requiredDetectors");
        var heapAnomaly = ReadSize(r, "heapAnomalyBelow");
        var heapHigh = ReadSize(r, "heapHighBelow");
        var stackAnomaly = ReadSize(r, "stackAnomalyBelow");
        var stackHigh = ReadSize(r, "stackHighBelow");
        var crashes = r.ReadByte("crashResetsForHigh");
        var report = r.ReadByte("reportUnexpectedTasks");
        if (report > 1)
        {
            throw r.Fail("reportUnexpectedTasks", "a boolean is 0 or 1");
        }

        var expected = ReadList(r, "expectedTasks");
        var tolerated = ReadList(r, "toleratedTasks");
        r.ExpectEnd();
        var policy = new McuPolicy(version, required, heapAnomaly, heapHigh, stackAnomaly, stackHigh, crashes, report == 1, expected, tolerated);
        try
        {
            policy.Validate();
        }
        catch (ArgumentException e)
        {
            throw new MalformedDataException("McuPolicy", e.Message);
        }

        return policy;
    }

    private static int ReadSize(OerReader r, string field)
    {
        var value = r.ReadUInt32(field);
        if (value > int.MaxValue)
        {
            throw r.Fail(field, "size out of range");
        }

        return (int)value;
    }

    private static string[] ReadList(OerReader r, string field)
    {
        var count = r.ReadUInt16(field);
        if (count > MaxTasks)
        {
            throw r.Fail(field, count + " items exceed " + MaxTasks);
        }

        var list = new string[count];
        for (var i = 0; i < count; i++)
        {
            list[i] = r.ReadText(field, 16);
        }

        return list;
    }

    private static void WriteList(OerWriter w, string[] items)
    {
        w.WriteUInt16(items.Length);
        foreach (var item in items)
        {
            w.WriteUInt16(item.Length);
            for (var i = 0; i < item.Length; i++)
            {
                var c = item[i];
                if (c < 0x20 || c >= 0x7F)
                {
                    throw new ArgumentException("task names are printable ASCII");
                }

                w.WriteByte((byte)c);
            }
        }
    }

    private static bool Contains(string[] list, string item)
    {
        foreach (var s in list)
        {
            if (s == item)
            {
                return true;
            }
        }

        return false;
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new ArgumentException("McuPolicy: " + what);
        }
    }
}
