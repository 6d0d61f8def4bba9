using Cti.Sharing;

namespace Firmware.Upstream.Desensitising;

/// <summary>What one detailed report became.</summary>
/// <param name="Summaries">The desensitised summaries, one per finding (detector, rule, subject).</param>
/// <param name="Withheld">Board-supplied values left out because their shape was not safe.</param>
/// <param name="Truncated">Findings beyond <see cref="UpstreamOptions.MaxSummariesPerReport"/>.</param>
public sealed record ReportSummaries(IReadOnlyList<AnomalySummary> Summaries, int Withheld, int Truncated)
{
    /// <summary>Nothing to send.</summary>
    public static ReportSummaries Empty { get; } = new([], 0, 0);
}
