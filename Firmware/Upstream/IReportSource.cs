using Firmware.SecurePartition.Reports;

namespace Firmware.Upstream;

/// <summary>Where detailed reports come from: the secure partition's black box, read after a sequence.</summary>
public interface IReportSource
{
    /// <summary>Up to <paramref name="max"/> reports with a sequence after <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<(ulong Sequence, DetailedReport Report)>> ReadReportsAsync(ulong afterSequence, int max, CancellationToken cancellationToken);
}
