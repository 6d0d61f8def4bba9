using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Network anomalies (patent ¶98, ¶126): throughput per interface rated against the policy's
/// band (below x normal, x to y anomaly, above y high anomaly) from two counter readings; peers
/// outside the allow-list (anomaly); firewall drops since the last baseline-setting scan (boot,
/// periodic, full) counted against the policy's thresholds, from the firewall log or from the packet
/// counters of the policy's named drop rules (Linux nftables); a named rule that is gone is a high
/// anomaly (the firewall was changed under the partition). A policy with no bands, no peer check and
/// no firewall rules gives this detector nothing to check (not in the coverage).
/// </summary>
public sealed class NetworkDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.Network;

    /// <inheritdoc />
    public DetectorResult Run(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var b = context.Board;
        if (b.NetworkCounters is null && b.NetworkPeers is null && b.Firewall is null && b.FirewallCounters is null)
        {
            return DetectorResult.Unavailable(Detector, context.Requires(Detector), "network counters, peers or firewall log");
        }

        var p = context.Policy;
        if (p.Throughput.Count == 0 && !p.CheckPeers && p.FirewallRules.Count == 0 && b.Firewall is null)
        {
            return DetectorResult.NotConfigured(Detector, "throughput bands, allowed peers or firewall rules");
        }

        var evidence = new List<Evidence>();
        var status = DetectorStatus.Checked;
        if (b.NetworkCounters is { } counters)
        {
            foreach (var now in counters.Read())
            {
                if (context.Cursors.Counters.TryGetValue(now.Interface, out var before) && now.Time > before.Time
                    && p.Throughput.FirstOrDefault(t => t.Interface == now.Interface) is { } band)
                {
                    var rate = now.BytesPerSecondSince(before);
                    var level = rate > band.HighAnomalyBytesPerSecond ? IntegrityLevel.HighAnomaly
                        : rate >= band.AnomalyBytesPerSecond ? IntegrityLevel.Anomaly : IntegrityLevel.NoAnomaly;
                    if (level != IntegrityLevel.NoAnomaly)
                    {
                        evidence.Add(new Evidence("network.throughput", now.Interface, level, $"{rate:F0} B/s on {now.Interface}",
                            rate, band.AnomalyBytesPerSecond, band.HighAnomalyBytesPerSecond));
                    }
                }

                if (context.UpdateBaselines && (!context.Cursors.Counters.TryGetValue(now.Interface, out var old) || now.Time > old.Time))
                {
                    context.Cursors.Counters[now.Interface] = now;
                }
            }
        }
        else
        {
            status = DetectorStatus.Partial;
            evidence.Add(new Evidence("network.counters", "board", IntegrityLevel.NoAnomaly, "no interface counters: throughput not checked"));
        }

        if (b.NetworkPeers is { } peers)
        {
            if (p.CheckPeers)
            {
                foreach (var peer in peers.Read())
                {
                    if (!p.AllowedPeers.Any(a => a.Matches(peer.Remote)))
                    {
                        evidence.Add(new Evidence("network.peer", peer.Remote.ToString(), IntegrityLevel.Anomaly, $"{peer.Protocol} peer {peer.Remote} outside the allow-list"));
                    }
                }
            }
        }
        else
        {
            status = DetectorStatus.Partial;
            evidence.Add(new Evidence("network.peers", "board", IntegrityLevel.NoAnomaly, "no peer list: peers not checked"));
        }

        if (b.Firewall is { } firewall)
        {
            var drops = firewall.ReadSince(context.Cursors.FirewallDrop);
            if (drops.Count > 0)
            {
                // Drops are counted over a scan period like throughput: only scans that set the
                // baselines consume them, so a flood spread over many message-path quick scans is
                // still counted whole at the next periodic scan.
                if (context.UpdateBaselines)
                {
                    context.Cursors.FirewallDrop = Math.Max(context.Cursors.FirewallDrop, drops[^1].Sequence);
                }

                var level = drops.Count >= p.FirewallDropsHigh ? IntegrityLevel.HighAnomaly
                    : drops.Count >= p.FirewallDropsAnomaly ? IntegrityLevel.Anomaly : IntegrityLevel.NoAnomaly;
                if (level != IntegrityLevel.NoAnomaly)
                {
                    var sources = string.Join(", ", drops.Select(d => d.Source.Address.ToString()).Distinct().Take(4));
                    evidence.Add(new Evidence("network.firewall", "firewall", level, $"{drops.Count} drops since the last full scan from {sources}",
                        drops.Count, p.FirewallDropsAnomaly, p.FirewallDropsHigh));
                }
            }
        }
        else if (p.FirewallRules.Count > 0 && b.FirewallCounters is { } firewallCounters)
        {
            FirewallCounters.Rate(context, firewallCounters, evidence);
        }
        else
        {
            status = DetectorStatus.Partial;
            evidence.Add(new Evidence("network.firewall-log", "board", IntegrityLevel.NoAnomaly,
                p.FirewallRules.Count == 0 ? "no firewall log and no firewall rules in the policy: drops not checked" : "no firewall log or rule counters: drops not checked"));
        }

        return DetectorResult.From(Detector, status, evidence);
    }
}
