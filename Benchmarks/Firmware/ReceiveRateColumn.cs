using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Benchmarks.Firmware;

/// <summary>
/// Messages per second per core (one thread) of a receive-path benchmark, and its rate against the raw ECDsa
/// P-256 verify baseline of the same run (raw median / this median; issue 5 target: at least 0.70).
/// </summary>
public sealed class ReceiveRateColumn : IColumn
{
    public string Id => nameof(ReceiveRateColumn);

    public string ColumnName => "msg/s (vs raw verify, target >= 0.70)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "1 s / median per message, and raw ECDsa verify median / this median";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var category = benchmarkCase.Descriptor.Categories.FirstOrDefault();
        var baseline = summary.BenchmarksCases.FirstOrDefault(b => b.Descriptor.Baseline && b.Descriptor.Categories.FirstOrDefault() == category);
        var mine = summary[benchmarkCase]?.ResultStatistics;
        var raw = baseline is null ? null : summary[baseline]?.ResultStatistics;
        if (category != "receive")
        {
            return "-";
        }

        if (mine is null || mine.Median == 0)
        {
            return "?";
        }

        var rate = 1e9 / mine.Median;
        if (raw is null || benchmarkCase.Descriptor.Baseline)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rate:N0}");
        }

        var ratio = raw.Median / mine.Median;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rate:N0} ({ratio:0.00}: {(ratio >= 0.70 ? "met" : "MISSED")})");
    }
}
