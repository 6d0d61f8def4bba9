namespace Bench.Report;

/// <summary>
/// One OBU's CPU time over a run, measured per thread (<see cref="ObuCpu"/>), and its share of one core over the time
/// it was in the run.
/// </summary>
/// <param name="Obu">obu-N.</param>
/// <param name="CpuSeconds">CPU seconds charged to its work.</param>
/// <param name="ShareOfOneCore">CPU seconds per second of the run (wall clock), 1 = one core busy all the time.</param>
public sealed record ObuCpuFigure(string Obu, double CpuSeconds, double ShareOfOneCore)
{
    /// <summary>The figure of <paramref name="account"/> over <paramref name="wallSeconds"/> of wall-clock time.</summary>
    public static ObuCpuFigure Of(ObuCpu account, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(account);
        var seconds = account.Cpu.TotalSeconds;
        return new ObuCpuFigure(account.Name, Math.Round(seconds, 3), Math.Round(seconds / Math.Max(1e-3, wallSeconds), 4));
    }
}
