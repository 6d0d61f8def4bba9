using System.Globalization;
using System.Text;
using PkiProtocol.Misbehaviour;

namespace Bench.Misbehaviour;

/// <summary>The figures of one misbehaviour evaluation (<see cref="EvaluationRun"/>).</summary>
/// <param name="Options">The scenario.</param>
/// <param name="Messages">Messages in the traffic.</param>
/// <param name="GenuineTickets">Tickets of genuine vehicles (a pseudonym change counts two).</param>
/// <param name="GenuineReported">Genuine tickets some receiver found something about.</param>
/// <param name="Rows">One row per detection class.</param>
public sealed record EvaluationFigures(EvaluationOptions Options, int Messages, int GenuineTickets, int GenuineReported, IReadOnlyList<EvaluationFigures.ClassRow> Rows)
{
    /// <summary>One class.</summary>
    /// <param name="Class">The detection class.</param>
    /// <param name="Attackers">Attackers injecting it.</param>
    /// <param name="PairsHeard">(receiver, attacker) pairs heard for at least one second.</param>
    /// <param name="PairsDetected">Of those, pairs in which the receiver found this class.</param>
    /// <param name="OnAttackers">Findings of this class about attackers (true positives).</param>
    /// <param name="OnGenuine">Findings of this class about genuine vehicles (false positives).</param>
    /// <param name="MedianDelayMs">Median time from the first message heard to the finding, or null.</param>
    /// <param name="MaxDelayMs">Longest such time, or null.</param>
    public sealed record ClassRow(MbrObservation Class, int Attackers, int PairsHeard, int PairsDetected, long OnAttackers, long OnGenuine, double? MedianDelayMs,
        double? MaxDelayMs)
    {
        /// <summary>True positives over all findings of the class, or null without findings.</summary>
        public double? Precision => OnAttackers + OnGenuine == 0 ? null : (double)OnAttackers / (OnAttackers + OnGenuine);

        /// <summary>Detected pairs over heard pairs, or null without pairs.</summary>
        public double? Recall => PairsHeard == 0 ? null : (double)PairsDetected / PairsHeard;
    }

    /// <summary>The printed table.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Create(c,
            $"misbehaviour evaluation: {Options.Duration.TotalSeconds:0} s, {Options.Genuine} genuine vehicles ({GenuineTickets} tickets), {Options.AttackersPerClass} attacker(s) per class, {Options.Receivers} receivers {Options.RangeMetres:0} m range, seed {Options.Seed}; {Messages:N0} messages"));
        text.AppendLine("class                              attackers  pairs  detected  recall  findings  on genuine  precision  delay median/max ms");
        foreach (var r in Rows)
        {
            text.AppendLine(string.Create(c,
                $"{r.Class,-34} {r.Attackers,9}  {r.PairsHeard,5}  {r.PairsDetected,8}  {Share(r.Recall),6}  {r.OnAttackers + r.OnGenuine,8}  {r.OnGenuine,10}  {Share(r.Precision),9}  {Delay(r.MedianDelayMs)}/{Delay(r.MaxDelayMs)}"));
        }

        text.AppendLine(string.Create(c, $"genuine tickets reported by any receiver: {GenuineReported} of {GenuineTickets}"));
        return text.ToString();
    }

    private static string Share(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Delay(double? ms) => ms is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "-";
}
