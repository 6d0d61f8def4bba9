using Hardware.Network;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// The network detector's rule-counter check (patent ¶98, firewall drops): the packets each named drop
/// rule of the policy matched since the last baseline-setting scan, summed and rated against the policy's
/// drop thresholds like the firewall log's drops. A named rule that is gone is a high anomaly; a counter
/// that went back (the rule was deleted and re-created, or the ruleset reloaded) is an anomaly and
/// starts a new baseline.
/// </summary>
internal static class FirewallCounters
{
    public static void Rate(ScanContext context, IFirewallCounters firewall, List<Evidence> evidence)
    {
        var p = context.Policy;
        var now = firewall.Read();
        ulong drops = 0;
        var sources = new List<string>();
        foreach (var name in p.FirewallRules)
        {
            var counter = now.FirstOrDefault(c => c.Rule == name);
            if (counter is null)
            {
                evidence.Add(new Evidence("network.firewall-rule", name, IntegrityLevel.HighAnomaly, $"the firewall rule '{name}' is gone"));
                continue;
            }

            if (context.Cursors.FirewallCounters.TryGetValue(name, out var before))
            {
                if (counter.Packets < before.Packets)
                {
                    evidence.Add(new Evidence("network.firewall-reset", name, IntegrityLevel.Anomaly,
                        $"the counter of firewall rule '{name}' went back from {before.Packets} to {counter.Packets} packets (rule re-created or ruleset reloaded)"));
                }
                else if (counter.Packets > before.Packets)
                {
                    drops += counter.Packets - before.Packets;
                    sources.Add($"{name} +{counter.Packets - before.Packets}");
                }
            }

            if (context.UpdateBaselines || !context.Cursors.FirewallCounters.ContainsKey(name))
            {
                context.Cursors.FirewallCounters[name] = counter;
            }
        }

        var level = drops >= (ulong)p.FirewallDropsHigh ? IntegrityLevel.HighAnomaly
            : drops >= (ulong)p.FirewallDropsAnomaly ? IntegrityLevel.Anomaly : IntegrityLevel.NoAnomaly;
        if (level != IntegrityLevel.NoAnomaly)
        {
            evidence.Add(new Evidence("network.firewall", "firewall", level, $"{drops} drops since the last full scan ({string.Join(", ", sources)})",
                drops, p.FirewallDropsAnomaly, p.FirewallDropsHigh));
        }
    }
}
