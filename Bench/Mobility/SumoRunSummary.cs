using System.Globalization;
using System.Text;
using Bench.Reporting;

namespace Bench.Mobility;

/// <summary>The end of a SUMO-driven bench run: the simulation, the OBUs that joined and left, the radio, and its checks.</summary>
public sealed record SumoRunSummary(
    string Scenario,
    string Sumo,
    double SimulatedSeconds,
    double WallSeconds,
    double Pacing,
    double MaxLagSeconds,
    long Steps,
    long VehiclesJoined,
    long VehiclesLeft,
    int MostVehiclesAtOnce,
    int MostObusAtOnce,
    IReadOnlyList<SumoObuFigures> Obus,
    string Radio,
    IReadOnlyList<Expectation> Expectations)
{
    /// <summary>Each attack's figures (Bench/Attacks), in the scenario's order; empty without attacks.</summary>
    public IReadOnlyList<Attacks.SumoAttackFigures> Attacks { get; init; } = [];

    /// <summary>The bench process's CPU time per simulated second (null: not measured, a hand-made summary).</summary>
    public SumoCpuFigures? Cpu { get; init; }

    /// <summary>Every expectation held.</summary>
    public bool Passed => Expectations.All(e => e.Passed);

    /// <summary>The terminal text.</summary>
    public string Render()
    {
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine(c, $"SUMO run: {Scenario} ({Sumo}); {SimulatedSeconds:0.0} s simulated in {WallSeconds:0.0} s wall (pacing {Pacing}, worst lag {MaxLagSeconds:0.00} s), {Steps} steps");
        b.AppendLine(c, $"vehicles: {VehiclesJoined} joined, {VehiclesLeft} left, at most {MostVehiclesAtOnce} at once; OBUs: {Obus.Count} started, {Obus.Count(o => o.LeftAt is not null)} left with their vehicle, at most {MostObusAtOnce} at once");
        b.AppendLine(c, $"radio: {Radio}");
        if (Cpu is { } cpu)
        {
            b.AppendLine(c, $"cpu: {cpu.Render()}");
        }

        b.AppendLine("  obu      vehicle   joined(s)  on air(s)  left(s)  CAMs sent  accepted  rejected  heard");
        var epoch = Obus.Count > 0 ? Obus.Min(o => o.JoinedAt) : DateTimeOffset.MinValue;
        foreach (var o in Obus)
        {
            b.AppendLine(c, $"  {o.Name,-8} {o.Vehicle,-9} {(o.JoinedAt - epoch).TotalSeconds,9:0.0}  {Seconds(o.OnAirAt, epoch),9}  {Seconds(o.LeftAt, epoch),7}  {o.CamsSent,9}  {o.CamsAccepted,8}  {o.CamsRejected,8}  {o.SendersHeard,5}{(o.Error is null ? string.Empty : "  " + o.Error)}");
        }

        foreach (var a in Attacks)
        {
            b.AppendLine(Bench.Attacks.SumoAttackText.Line(a));
        }

        foreach (var e in Expectations)
        {
            b.AppendLine(c, $"[{(e.Passed ? "ok" : "FAILED")}] {e.Name}: {e.Detail}");
        }

        return b.ToString();
    }

    private static string Seconds(DateTimeOffset? at, DateTimeOffset epoch) => at is { } t ? (t - epoch).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
