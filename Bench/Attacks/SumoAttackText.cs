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
        var head = string.Create(c, $"attack {a.Attack} ({(a.Model is null ? "vehicle" : "model")} {a.Vehicle}{(a.Station is { } s ? $", {s}" : "")}{(a.StartedAtSeconds is { } t ? $", from {t:0.0} s" : ", never started")}): ");
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
            "posture-critical" => PostureText(a),
            "compromised-idf-model" when a.Model is { } m => string.Create(c, $"exploited on {m.Exploited.Count} of the {m.OnAirAtExploit} OBUs of the model on the air ({m.Stations} built in the run)")
                + string.Create(c, $"; threshold report {Seconds(m.ThresholdReportAfterMs)}, revoked {Seconds(m.RevokedAfterMs)} ({m.StationsRevoked?.ToString(c) ?? "-"} stations, {m.TicketsRevoked?.ToString(c) ?? "-"} tickets)")
                + string.Create(c, $"; first Revoked at the last receiver of another model {Seconds(m.LastRefusedAfterMs)}; {m.RefusedAsRevoked} frames refused as Revoked, {m.AcceptedAfterBound} accepted after a CRL refresh; {m.LateRefused} departing later refused by the PKI (times from the exploit)"),
            "compromised-idf-model" => "nothing exploited",
            "forged-signature-flood" or "valid-ticket-flood" => FloodText(a),
            _ => string.Create(c, $"{a.Sent} replays sent; at the receivers {a.Refused} refused, {a.Accepted} accepted ({a.Relayed} of them relays of frames the receiver had missed)"),
        };
    }

    private static string Seconds(double? ms) => ms is { } m ? string.Create(CultureInfo.InvariantCulture, $"after {m / 1000:0.00} s") : "never";
    private static string PostureText(SumoAttackFigures a) => a.Posture is not { } p
        ? "no advisory published"
        : string.Create(CultureInfo.InvariantCulture,
            $"advisory {string.Join(", ", p.Advisory)}; {p.Obu}'s poll answered critical {(p.CriticalPollAfterMs is { } ms ? $"{ms / 1000:0.00} s" : "never")} after it; {a.ReceiversInRange} receivers in range")
          + (p.AtReceivers.Where(r => r.FirstCriticalAfterMs is not null).Select(r => r.FirstCriticalAfterMs!.Value).Order().ToList() is { Count: > 0 } d
              ? string.Create(CultureInfo.InvariantCulture, $", first critical frame after {d[0] / 1000:0.00} s (first), {d[^1] / 1000:0.00} s (last)")
              : "")
          + string.Create(CultureInfo.InvariantCulture, $"; frames after the detection period not acted on with caution (P1): {p.AtReceivers.Sum(r => r.ActAfter)}");

    private static string FloodText(SumoAttackFigures a) => a.Flood is not { } f
        ? "never flooded"
        : string.Create(CultureInfo.InvariantCulture,
            $"{f.FramesSent} frames sent at {f.RatePerSecond:0.#}/s; {f.ReceiversReached} receivers reached, {f.FloodDecided} decided, {f.FloodAccepted} accepted verified, {f.FloodAcceptedUnverified} unverified; their ECDSA verifications {f.Verifications}; genuine frames {f.GenuineInTime} of {f.GenuineMeasured} ({f.InTimeShare:P1}) within {f.DeadlineMs:0} ms, p99 {(f.P99Ms is { } p ? $"{p:0.0} ms" : "-")}; replays accepted {f.ReplaysAccepted}; peak receive queue {f.PeakQueue}");
}
