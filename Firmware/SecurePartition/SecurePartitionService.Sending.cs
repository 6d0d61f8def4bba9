using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Policy;
using V2x.Integrity;
using V2x.Security;
using V2x.Stack;

namespace Firmware.SecurePartition;

public sealed partial class SecurePartitionService
{
    /// <summary>The sending option in force: the OEM-signed policy's (the strict fail-closed policy's, option 2, when it does not verify).</summary>
    public SendingPolicy SendingOption => Idf.Policy.SendingOption;

    /// <summary>
    /// Whether the integrity report travels in a message of <paramref name="psid"/> signed after
    /// <paramref name="scan"/>: decided here from the sending option and the PSID, never by the client (patent
    /// ¶115-119). Options 1 and 2: always (option 1's withholding is the application's, and a message sent
    /// against it still says what was detected). Option 3: in DENMs and the policy's other safety-critical
    /// messages always; in any other message as soon as the effective level or any latch is above no anomaly,
    /// so that leaving the report out never hides a detection.
    /// </summary>
    public bool ReportTravels(Psid psid, ScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var policy = Idf.Policy;
        return policy.SendingOption != SendingPolicy.SafetyCriticalOnly
            || psid == Psid.Denm
            || policy.SafetyCriticalPsids.Contains(psid)
            || scan.Level > IntegrityLevel.NoAnomaly
            || scan.Latches.Any(l => l.Level > IntegrityLevel.NoAnomaly);
    }

    // ETSI TS 103 097 v2.1.1 §7.1: a ticket signs messages under the PSID of their service (V2x PortPsidTable). The
    // IDF-assurance (0x1E) and OEM / misbehaviour-report (0x1D) PSIDs in a ticket are permissions about the
    // station, not message services: a message under them would borrow their meaning, so none is signed.
    private static void CheckMessagePsid(Psid psid)
    {
        if (psid == IntegrityAssurance.Psid || psid.Value == 0x1D)
        {
            throw new PartitionException(PartitionError.NotAMessagePsid,
                $"PSID {psid} is the {(psid == IntegrityAssurance.Psid ? "IDF assurance" : "OEM / misbehaviour-report")} permission, not a message service: nothing is signed under it.");
        }

        if (!PortPsidTable.MessagePsids.Contains(psid))
        {
            throw new PartitionException(PartitionError.NotAMessagePsid, $"PSID {psid} is no message service of the BTP port table (TS 103 248 / TS 102 965): nothing is signed under it.");
        }
    }
}
