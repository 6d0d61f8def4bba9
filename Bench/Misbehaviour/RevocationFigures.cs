using System.Globalization;
using System.Text;
using PkiProtocol.Misbehaviour;

namespace Bench.Misbehaviour;

/// <summary>The figures of the misbehaviour loop on the evaluation's traffic (<see cref="RevocationRun"/>); times from the scenario's start, on the run clock.</summary>
/// <param name="Options">The scenario.</param>
/// <param name="Attackers">One row per attacker.</param>
/// <param name="GenuineStations">Stations of genuine tickets.</param>
/// <param name="GenuineRevoked">Genuine stations the authority revoked.</param>
/// <param name="ModelsRevoked">Implementations (models) the authority revoked.</param>
/// <param name="Observations">Observation reports the authority counted.</param>
/// <param name="ObservationsOnGenuine">Of those, about genuine stations.</param>
/// <param name="Frames">Frames sent.</param>
public sealed record RevocationFigures(EvaluationOptions Options, IReadOnlyList<RevocationFigures.AttackerRow> Attackers, int GenuineStations, int GenuineRevoked, int ModelsRevoked,
    int Observations, int ObservationsOnGenuine, int Frames)
{
    /// <summary>Reports the receivers sent to the authority (taken or refused).</summary>
    public long ReportsSent { get; init; }

    /// <summary>Of those, reports the authority refused.</summary>
    public long ReportsRefused { get; init; }

    /// <summary>One receiver's view of one attacker.</summary>
    /// <param name="Receiver">rx-N.</param>
    /// <param name="HeardAfterRevocation">Whether a frame of the attacker reached it after its first CRL refresh following the revocation.</param>
    /// <param name="FirstRevoked">When it first rejected the attacker's frame as Revoked, or null.</param>
    public sealed record AtReceiver(string Receiver, bool HeardAfterRevocation, TimeSpan? FirstRevoked);

    /// <summary>One attacker.</summary>
    /// <param name="Station">Its station at the EA.</param>
    /// <param name="Class">The class it injects.</param>
    /// <param name="FirstFalse">Its first (false) message.</param>
    /// <param name="Reports">Observation reports about it the authority counted.</param>
    /// <param name="RevokedAt">When the authority revoked its station, or null.</param>
    /// <param name="Receivers">Every receiver.</param>
    public sealed record AttackerRow(string Station, MbrObservation Class, TimeSpan FirstFalse, int Reports, TimeSpan? RevokedAt, IReadOnlyList<AtReceiver> Receivers)
    {
        /// <summary>The receivers that heard it after their CRL refresh following the revocation (each must reject it as Revoked).</summary>
        public IReadOnlyList<AtReceiver> Expected => [.. Receivers.Where(r => r.HeardAfterRevocation)];

        /// <summary>The times the receivers first rejected it as Revoked, in order.</summary>
        public IReadOnlyList<TimeSpan> RevokedAtReceivers => [.. Receivers.Where(r => r.FirstRevoked is not null).Select(r => r.FirstRevoked!.Value).Order()];
    }

    /// <summary>The printed table.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Create(c,
            $"revocation: {Frames:N0} signed frames past {Options.Receivers} OBUs; findings reported signed and encrypted to the bench PKI's misbehaviour authority at once; CRL refresh every {RevocationRun.CrlRefreshPeriod.TotalSeconds:0} s (staggered); times in s from the start (run clock)"));
        text.AppendLine("attacker     class                              first false  reports  revoked at MA  first Revoked at receivers min/median/max  rejected/heard after CRL");
        foreach (var a in Attackers)
        {
            var times = a.RevokedAtReceivers;
            var spread = times.Count == 0 ? "-" : string.Create(c, $"{Seconds(times[0])} / {Seconds(times[times.Count / 2])} / {Seconds(times[^1])}");
            text.AppendLine(string.Create(c,
                $"{a.Station,-12} {a.Class,-34} {Seconds(a.FirstFalse),11}  {a.Reports,7}  {(a.RevokedAt is { } r ? Seconds(r) : "-"),13}  {spread,-42}  {times.Count} of {a.Expected.Count}"));
        }

        text.AppendLine(string.Create(c,
            $"attackers revoked: {Attackers.Count(a => a.RevokedAt is not null)} of {Attackers.Count}; genuine stations revoked: {GenuineRevoked} of {GenuineStations}; models revoked: {ModelsRevoked}; reports sent {ReportsSent}, refused {ReportsRefused}; observations counted: {Observations} ({ObservationsOnGenuine} about genuine stations)"));
        return text.ToString();
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
