using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Benchmarks.V2x;

/// <summary>
/// Rate of a benchmark relative to the baseline of its category (baseline time / this time): 1.00 is as
/// fast as the raw primitive. Computed on the medians, which a shared, loaded machine disturbs less than
/// the means (the mean-based ratio is printed beside it); the issue's target is checked on the median.
/// </summary>
public sealed class RateVsRawColumn : IColumn
{
    public string Id => nameof(RateVsRawColumn);

    public string ColumnName => "RateVsRaw (target)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "raw-primitive median / this median (mean ratio in brackets); targets: decode+verify >= 0.80, encode+sign >= 0.70";

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
        if (mine is null || raw is null || mine.Median == 0 || mine.Mean == 0)
        {
            return "?";
        }

        if (benchmarkCase.Descriptor.Baseline)
        {
            return "1.00";
        }

        var target = category == "sign" ? 0.70 : 0.80;
        var ratio = raw.Median / mine.Median;
        var meanRatio = raw.Mean / mine.Mean;
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{ratio:0.00} [{meanRatio:0.00}] (>= {target:0.00}: {(ratio >= target ? "met" : "MISSED")})");
    }
}
