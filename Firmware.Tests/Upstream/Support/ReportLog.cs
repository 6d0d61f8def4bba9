using Firmware.SecurePartition.Reports;
using Firmware.Upstream;

namespace Firmware.Tests.Upstream.Support;

/// <summary>
/// Detailed reports with black-box sequence numbers, appended by a test and read by the forwarder
/// through <see cref="IReportSource"/> like the partition's black box (tests that need the real
/// partition use <see cref="PartitionLink"/>). Thread-safe.
/// </summary>
public sealed class ReportLog : IReportSource
{
    private readonly List<(ulong Sequence, DetailedReport Report)> _reports = [];
    private readonly Lock _lock = new();

    /// <summary>Reads made so far.</summary>
    public int Reads { get; private set; }

    /// <summary>Appends a report; returns its sequence.</summary>
    public ulong Append(DetailedReport report)
    {
        lock (_lock)
        {
            var sequence = (ulong)_reports.Count + 1;
            _reports.Add((sequence, report));
            return sequence;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(ulong Sequence, DetailedReport Report)>> ReadReportsAsync(ulong afterSequence, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Reads++;
            IReadOnlyList<(ulong, DetailedReport)> page = _reports.Where(r => r.Sequence > afterSequence).Take(max).ToList();
            return Task.FromResult(page);
        }
    }
}
