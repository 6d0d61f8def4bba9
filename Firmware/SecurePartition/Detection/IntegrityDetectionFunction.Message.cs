using Firmware.SecurePartition.Triggers;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

public sealed partial class IntegrityDetectionFunction
{
    /// <summary>
    /// The per-message check (patent ¶114, last trigger): never re-hashes images. It reuses the
    /// latest scan and checks, in constant time per log, whether the tamper latch or any event
    /// log (memory faults, security-policy events, firewall drops, crash log, tamper events)
    /// moved since; only then it runs a quick scan (every detector, no image hashing) so the
    /// message already carries the new finding. Returns the scan in force (its effective level,
    /// bitmap and coverage).
    /// </summary>
    public ScanResult CheckForMessage()
    {
        var latest = _latest;
        if (Moved(latest, out _))
        {
            lock (_lock)
            {
                latest = _latest;
                if (Moved(latest, out var firewallLast))
                {
                    latest = _latest = RunScan(TriggerKind.MessageSend, "event logs moved", rehash: false, periodic: false);
                    Volatile.Write(ref _firewallSeen, Math.Max(_firewallSeen, firewallLast));
                }
            }
        }

        return latest;
    }

    private bool Moved(ScanResult latest, out long firewallLast)
    {
        var b = _board;

        // Quick scans leave the firewall-drop cursor to the periodic scans (drops are counted over a
        // scan period), so drops a quick scan has already seen are remembered here: a steady flood
        // triggers one quick scan per new drop batch, not one per message.
        firewallLast = 0;
        var drops = b.Firewall?.ReadSince(Math.Max(_cursors.FirewallDrop, Volatile.Read(ref _firewallSeen)));
        if (drops is { Count: > 0 })
        {
            firewallLast = drops[^1].Sequence;
        }

        if (b.Tamper is { } tamper && tamper.IsLatched && latest.LevelOf(DetectorFlags.HsmTamper) < IntegrityLevel.Compromised)
        {
            return true;
        }

        return firewallLast > 0
            || (b.MemoryFaults?.ReadSince(_cursors.MemoryFault).Count ?? 0) > 0
            || (b.SecurityPolicy?.ReadSince(_cursors.PolicyEvent).Count ?? 0) > 0
            || (b.Reset?.ReadCrashLog(_cursors.Crash).Count ?? 0) > 0
            || (b.Tamper?.ReadSince(_cursors.Tamper).Count ?? 0) > 0;
    }
}
