using Firmware.Application.Misbehaviour;
using PkiProtocol.Misbehaviour;
using V2x.Security;

namespace Bench.Misbehaviour;

/// <summary>
/// Runs the labelled traffic through one <see cref="LocalMisbehaviourDetector"/> per receiver (the product's detection,
/// default bounds) and scores it per class (Docs/misbehaviour.md, "Evaluation"): a finding is a true positive when its
/// subject is an attacker (any class: that ticket does misbehave) and a false positive when it is a genuine vehicle;
/// recall of a class is the share of (receiver, attacker of that class) pairs, heard for at least one second, in which the
/// receiver found that class; the delay is from the attacker's first message the receiver heard to that finding.
/// </summary>
public static class EvaluationRun
{
    /// <summary>Messages a receiver must hear from an attacker for the pair to count in the recall (one second of CAMs).</summary>
    public const int MinimumHeard = 10;

    /// <summary>Runs <paramref name="traffic"/> past the receivers of <paramref name="options"/>.</summary>
    public static EvaluationFigures Run(EvaluationTraffic traffic, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(options);
        var receivers = Enumerable.Range(0, options.Receivers).Select(i => (North: i * 300.0, Detector: new LocalMisbehaviourDetector())).ToArray();
        var heard = new Dictionary<(int, HashedId8), (int Count, DateTimeOffset First)>();
        var detected = new Dictionary<(int, HashedId8), DateTimeOffset>();
        var onAttackers = new Dictionary<MbrObservation, long>();
        var onGenuine = new Dictionary<MbrObservation, long>();
        var genuineTickets = new HashSet<HashedId8>();
        var reportedGenuine = new HashSet<HashedId8>();
        foreach (var (message, north, attack) in traffic.Messages)
        {
            if (attack is null)
            {
                genuineTickets.Add(message.Signer);
            }

            var east = (message.Longitude - EvaluationTraffic.BaseLongitude) * EvaluationTraffic.MetresPerDegree * Math.Cos(EvaluationTraffic.BaseLatitude * Math.PI / 180);
            for (var r = 0; r < receivers.Length; r++)
            {
                var (dx, dy) = (north - receivers[r].North, east);
                if ((dx * dx) + (dy * dy) > options.RangeMetres * options.RangeMetres)
                {
                    continue;
                }

                var key = (r, message.Signer);
                heard[key] = heard.TryGetValue(key, out var h) ? (h.Count + 1, h.First) : (1, message.ReceivedAt);
                foreach (var finding in receivers[r].Detector.Observe(message))
                {
                    if (traffic.Attackers.TryGetValue(finding.Subject, out var injected))
                    {
                        onAttackers[finding.Observation] = onAttackers.GetValueOrDefault(finding.Observation) + 1;
                        if (injected == finding.Observation)
                        {
                            detected.TryAdd((r, finding.Subject), finding.At);
                        }
                    }
                    else
                    {
                        onGenuine[finding.Observation] = onGenuine.GetValueOrDefault(finding.Observation) + 1;
                        reportedGenuine.Add(finding.Subject);
                    }
                }
            }
        }

        var rows = Enum.GetValues<MbrObservation>().Select(c =>
        {
            var pairs = heard.Where(p => p.Value.Count >= MinimumHeard && traffic.Attackers.TryGetValue(p.Key.Item2, out var a) && a == c).ToList();
            var delays = pairs.Where(p => detected.ContainsKey(p.Key)).Select(p => (detected[p.Key] - p.Value.First).TotalMilliseconds).Order().ToList();
            return new EvaluationFigures.ClassRow(c, traffic.Attackers.Count(a => a.Value == c), pairs.Count, delays.Count, onAttackers.GetValueOrDefault(c),
                onGenuine.GetValueOrDefault(c), delays.Count == 0 ? null : delays[delays.Count / 2], delays.Count == 0 ? null : delays[^1]);
        }).ToList();
        return new EvaluationFigures(options, traffic.Messages.Count, genuineTickets.Count, reportedGenuine.Count, rows);
    }
}
