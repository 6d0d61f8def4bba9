using System.Globalization;

namespace Bench.Attacks;

/// <summary>One attack's figures as a line of the SUMO run's summary.</summary>
public static class SumoAttackText
{
    /// <summary>The line of <paramref name="a"/>.</summary>
    public static string Line(SumoAttackFigures a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var c = CultureInfo.InvariantCulture;
        var head = string.Create(c, $"attack {a.Attack} (vehicle {a.Vehicle}{(a.Station is { } s ? $", {s}" : "")}{(a.StartedAtSeconds is { } t ? $", from {t:0.0} s" : ", never started")}): ");
        return head + a.Attack switch
        {
            "rogue-process" or "tampered-firmware" => string.Create(c, $"{a.ReceiversInRange} receivers in range, {a.DelaysMs?.Count ?? 0} {(a.Attack == "rogue-process" ? "downgraded" : "discarded")} it")
                + (a.Delays is { } d ? string.Create(c, $"; detection delay first {d.First / 1000:0.00} s, median {d.Median / 1000:0.00} s, last {d.Last / 1000:0.00} s") : "")
                + string.Create(c, $"; {(a.Attack == "rogue-process" ? "acted on" : "not discarded")} later than the detection period: {a.ActedOnLate}"),
            "ghost-vehicle" when a.Ghost is { } g => string.Create(c, $"{a.Sent} false CAMs; heard by {a.ReceiversInRange} OBUs, found by {g.FoundBy}")
                + string.Create(c, $"; first finding {Seconds(g.FirstFoundAfterMs)}, first report at the authority {Seconds(g.FirstReportAfterMs)}, revoked {Seconds(g.RevokedAfterMs)} ({g.Reporters} reporters)")
                + string.Create(c, $"; first Revoked at the last receiver that heard it {Seconds(g.LastRefusedAfterMs)}; {g.RefusedAsRevoked} frames refused as Revoked, {g.AcceptedAfterRefresh} accepted after a CRL refresh (times from its first CAM)"),
            "ghost-vehicle" => string.Create(c, $"{a.Sent} false CAMs; never on the air"),
            "reflection" => string.Create(c, $"{a.Sent} frames reflected; the victim refused {a.RefusedAsOwn} as its own; at all receivers {a.Refused} refused, {a.Accepted} accepted ({a.Relayed} of them relays of frames the receiver had missed)"),
            _ => string.Create(c, $"{a.Sent} replays sent; at the receivers {a.Refused} refused, {a.Accepted} accepted ({a.Relayed} of them relays of frames the receiver had missed)"),
        };
    }

    private static string Seconds(double? ms) => ms is { } m ? string.Create(CultureInfo.InvariantCulture, $"after {m / 1000:0.00} s") : "never";
}
