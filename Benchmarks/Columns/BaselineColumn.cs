using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Benchmarks.Columns;

/// <summary>
/// A custom summary column that compares each benchmark with the baseline of the same run (the raw primitive:
/// ECDsa, sha256sum), the baseline found either among all benchmarks or within the benchmark's category. The
/// subclasses only format the figure.
/// </summary>
public abstract class BaselineColumn(string columnName, string legend, bool baselinePerCategory) : IColumn
{
    public string Id => GetType().Name;

    public string ColumnName => columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var category = benchmarkCase.Descriptor.Categories.FirstOrDefault();
        var baseline = summary.BenchmarksCases.FirstOrDefault(b =>
            b.Descriptor.Baseline && (!baselinePerCategory || b.Descriptor.Categories.FirstOrDefault() == category));
        var mine = summary[benchmarkCase]?.ResultStatistics;
        var raw = baseline is null ? null : summary[baseline]?.ResultStatistics;
        return Format(summary, benchmarkCase, category, mine, raw);
    }

    /// <summary>The cell, for a column that also reads other benchmarks of the run (by default <see cref="Format(BenchmarkCase, string?, Statistics?, Statistics?)"/>).</summary>
    protected virtual string Format(Summary summary, BenchmarkCase benchmarkCase, string? category, Statistics? mine, Statistics? baseline) =>
        Format(benchmarkCase, category, mine, baseline);

    /// <summary>The statistics of the run's benchmark with this method name, if it ran.</summary>
    protected static Statistics? StatisticsOf(Summary summary, string method)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var match = summary.BenchmarksCases.FirstOrDefault(b => b.Descriptor.WorkloadMethod.Name == method);
        return match is null ? null : summary[match]?.ResultStatistics;
    }

    /// <summary>The cell of <paramref name="benchmarkCase"/> ("?" when a figure is missing).</summary>
    protected abstract string Format(BenchmarkCase benchmarkCase, string? category, Statistics? mine, Statistics? baseline);

    /// <summary>Formats with the invariant culture.</summary>
    protected static string Invariant(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(CultureInfo.InvariantCulture);
    }
}
