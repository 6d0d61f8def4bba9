using Firmware.SecurePartition.Detection;
using V2x.Integrity;

namespace Firmware.SecurePartition.Reports;

/// <summary>
/// Trims a detailed report to a byte budget (a black-box entry, a protocol response) so that a
/// scan with hundreds of findings is still recorded and forwarded rather than refused: first the
/// bills of materials go (and the posture's weaknesses but the most severe), then each detector keeps its result, status and level but only its most
/// severe evidence items up to a cap, plus one item saying how many more were left out.
/// </summary>
public static class ReportFit
{
    /// <summary>Rule of the evidence item that counts the items left out.</summary>
    public const string TruncatedRule = "report.truncated";

    /// <summary>Bytes a ReadReports response spends on each report besides its encoding (u64 sequence, u32 length).</summary>
    public const int ResponseItemOverheadBytes = 12;

    /// <summary>Bytes a ReadReports response keeps back for its type, list count and framing.</summary>
    public const int ResponseSlackBytes = 64;

    /// <summary>Most posture weaknesses a trimmed report keeps (the most severe).</summary>
    public const int MaxPostureWeaknesses = 16;

    private static readonly int[] Caps = [256, 128, 64, 32, 16, 8, 4, 2, 1, 0];

    /// <summary>Largest encoded report a ReadReports response with a body limit of <paramref name="maxBodyBytes"/> carries on its own.</summary>
    public static int MaxInResponse(int maxBodyBytes) => maxBodyBytes - ResponseSlackBytes - ResponseItemOverheadBytes;

    /// <summary>The report as encoded if it fits <paramref name="maxBytes"/>, else the least-trimmed version that does.</summary>
    /// <exception cref="ArgumentException">Even the report with one line per detector does not fit.</exception>
    public static byte[] Encode(DetailedReport report, int maxBytes) =>
        TryEncode(report, maxBytes)
        ?? throw new ArgumentException($"A detailed report does not fit in {maxBytes} bytes even trimmed to one line per detector.", nameof(maxBytes));

    /// <summary>As <see cref="Encode"/>, or null when even the most trimmed report does not fit.</summary>
    public static byte[]? TryEncode(DetailedReport report, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bytes = ReportCodec.Encode(report);
        if (bytes.Length <= maxBytes)
        {
            return bytes;
        }

        // The posture keeps its aggregate, flags and poll time, and only its most severe weaknesses.
        var bare = report with
        {
            Software = [],
            Hardware = [],
            Posture = report.Posture is { } p ? p with { Weaknesses = [.. p.Weaknesses.OrderByDescending(w => w.Weakness.BaseTenths).Take(MaxPostureWeaknesses)] } : null,
        };
        bytes = ReportCodec.Encode(bare);
        if (bytes.Length <= maxBytes)
        {
            return bytes;
        }

        foreach (var cap in Caps)
        {
            bytes = ReportCodec.Encode(bare with { Results = [.. bare.Results.Select(r => Cap(r, cap))] });
            if (bytes.Length <= maxBytes)
            {
                return bytes;
            }
        }

        return null;
    }

    private static DetectorResult Cap(DetectorResult result, int cap)
    {
        // A report trimmed once (when recorded) may be trimmed again (when served in a smaller
        // frame): its earlier "truncated" line is folded into the new one, so the count stays whole.
        var items = result.Evidence.Where(e => e.Rule != TruncatedRule).ToList();
        var earlier = (int)result.Evidence.Where(e => e.Rule == TruncatedRule).Sum(e => e.Value ?? 0);
        if (items.Count <= cap)
        {
            return result;
        }

        // The most severe findings are kept (stable within a level); the result's own level and
        // status are untouched, so the verdict the report carries does not change.
        var kept = items.OrderByDescending(e => e.Level).Take(cap).ToList();
        var left = items.Count - cap + earlier;
        kept.Add(new Evidence(TruncatedRule, "report", IntegrityLevel.NoAnomaly, $"{left} more items truncated", left));
        return result with { Evidence = kept };
    }
}
