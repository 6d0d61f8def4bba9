using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Benchmarks.Firmware;

/// <summary>
/// The garbage collector's gen-0 budget the run had (<see cref="GC.GetConfigurationVariables"/>, "GCGen0MaxBudget"),
/// and whether it was the server GC: the all-cores receive figure depends on how often gen 0 is collected
/// (Benchmarks/Firmware/README.md, "Issue 10, all cores"). The OBU application's unit sets the budget with
/// <c>DOTNET_GCgen0size</c> (packaging/systemd/obu-app.service); the runtime reads that knob from the environment
/// only, not from runtimeconfig.json. Read in this process: true of the benchmarks with <c>--inProcess</c>.
/// </summary>
public sealed class GcBudgetColumn : IColumn
{
    public string Id => nameof(GcBudgetColumn);

    public string ColumnName => "GC gen0 budget";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "the GC's gen-0 budget in this process (GCGen0MaxBudget; DOTNET_GCgen0size sets it), workstation or server GC";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Describe();

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => Describe();

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    private static string Describe() => ReceiveCapacity.DescribeGc();
}
