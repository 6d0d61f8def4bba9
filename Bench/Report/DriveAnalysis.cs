using Firmware.Application.Recording;

namespace Bench.Report;

/// <summary>What the report shows, computed from a recording: per-sender reception by distance, decisions over time, detection delays.</summary>
public static class DriveAnalysis
{
    /// <summary>Width of a distance bin (m).</summary>
    public const double DistanceBinMetres = 25;

    /// <summary>The sender of a decision as the report names it (station ID, else the link source).</summary>
    public static string Sender(DecisionRecord d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.StationId is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : d.Source;
    }

    /// <summary>A decision's class for colours: the trust decision, or "Rejected" (stage and reason in the tables).</summary>
    public static string Class(DecisionRecord d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.Outcome == "Accepted" ? d.Decision ?? "Deferred" : "Rejected";
    }

    /// <summary>Own position at a time: the nearest valid track point (within 2 s), or null.</summary>
    public static GnssRecord? OwnPositionAt(IReadOnlyList<GnssRecord> track, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(track);
        GnssRecord? best = null;
        var bestGap = TimeSpan.FromSeconds(2);
        foreach (var g in track)
        {
            if (g.Valid == true && g.Latitude is not null && (g.Time - time).Duration() <= bestGap)
            {
                best = g;
                bestGap = (g.Time - time).Duration();
            }
        }

        return best;
    }

    /// <summary>Frames heard per second from each sender, by distance bin (bin centre in metres, rate).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(double Metres, double PerSecond)>> ReceptionByDistance(DriveRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var result = new Dictionary<string, IReadOnlyList<(double, double)>>(StringComparer.Ordinal);
        foreach (var sender in recording.Decisions.GroupBy(Sender))
        {
            // One-second windows: frames heard in the window at the window's mean distance.
            var windows = sender.Where(d => d.Latitude is not null)
                .GroupBy(d => d.ReceivedAt.ToUnixTimeSeconds())
                .Select(w => (Distance: w.Select(d => Distance(recording.Gnss, d)).Where(x => x is not null).Select(x => x!.Value).DefaultIfEmpty(double.NaN).Average(), Count: w.Count()))
                .Where(w => !double.IsNaN(w.Distance))
                .ToList();
            result[sender.Key] = windows.GroupBy(w => Math.Floor(w.Distance / DistanceBinMetres))
                .OrderBy(b => b.Key)
                .Select(b => (((b.Key + 0.5) * DistanceBinMetres), b.Average(w => (double)w.Count)))
                .ToList();
        }

        return result;
    }

    /// <summary>
    /// Per sender, the first message whose integrity report was not "no anomaly" (its generation time) and the first
    /// decision that did not act on it: the receiver's detection delay.
    /// </summary>
    public static IReadOnlyList<(string Sender, DateTimeOffset Onset, DateTimeOffset? Mitigated, double? DelayMs)> DetectionDelays(DriveRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var list = new List<(string, DateTimeOffset, DateTimeOffset?, double?)>();
        foreach (var sender in recording.Decisions.GroupBy(Sender))
        {
            var onset = sender.Where(d => d.Level is not null && d.Level != "NoAnomaly").OrderBy(d => d.Time).FirstOrDefault();
            if (onset is null)
            {
                continue;
            }

            var start = onset.GenerationTime ?? onset.ReceivedAt;
            var mitigated = sender.Where(d => d.Time >= onset.Time && d.Outcome == "Accepted" && d.Decision != "Act").OrderBy(d => d.Time).FirstOrDefault();
            list.Add((sender.Key, start, mitigated?.Time, mitigated is null ? null : (mitigated.Time - start).TotalMilliseconds));
        }

        return list;
    }

    /// <summary>Great-circle distance (haversine, mean Earth radius) from own position to the decision's sender.</summary>
    public static double? Distance(IReadOnlyList<GnssRecord> track, DecisionRecord d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Latitude is not { } lat || d.Longitude is not { } lon || OwnPositionAt(track, d.ReceivedAt) is not { Latitude: { } ownLat, Longitude: { } ownLon })
        {
            return null;
        }

        return Hardware.Positioning.SimulatedRoute.DistanceMeters(new(ownLat, ownLon, 1), new(lat, lon, 1));
    }
}
