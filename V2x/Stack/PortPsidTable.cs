using System.Collections.Frozen;
using V2x.Btp;
using V2x.Security;

namespace V2x.Stack;

/// <summary>
/// Which PSID (ITS-AID) the messages of each well-known BTP port are signed under: the ports of ETSI TS 103 248
/// v2.1.1 whose service has an ITS-AID in ETSI TS 102 965 v1.5.1 Annex A (numbers cross-checked against
/// Vanetza's vanetza/btp/ports.hpp and vanetza/common/its_aid.hpp). ETSI TS 103 097 v2.1.1 §7.1 ties a
/// message's PSID to its service; a receiver checks both ways (<see cref="Check"/>): the port must be in the
/// table and the PSID must be the one of its port. Ports of TS 103 248 without an ITS-AID in TS 102 965
/// (2010 EVCSN POI, 2011 TPG and its relatives, 2012 EV-RSR, 2017 MCDM, 2019 IMZM) are outside the table, and
/// so are every other port and every PSID that is no message service (0x1D, 0x1E: this project's misbehaviour
/// report and IDF assurance, IEEE 1609.12 private use).
/// </summary>
public static class PortPsidTable
{
    /// <summary>Port → PSID (TS 103 248 port, TS 102 965 Annex A ITS-AID).</summary>
    public static FrozenDictionary<ushort, Psid> Table { get; } = new Dictionary<ushort, Psid>
    {
        [BtpPorts.Cam] = Psid.Cam,                     // CA, 36
        [BtpPorts.Denm] = Psid.Denm,                   // DEN, 37
        [BtpPorts.Mapem] = new(138),                   // RLT (road and lane topology)
        [BtpPorts.Spatem] = new(137),                  // TLM (traffic light manoeuvre)
        [BtpPorts.Saem] = new(540801),                 // SA (service announcement)
        [BtpPorts.Ivim] = new(139),                    // IVI
        [BtpPorts.Srem] = new(140),                    // TLC request
        [BtpPorts.Ssem] = new(637),                    // TLC response (status)
        [BtpPorts.Cpm] = new(639),                     // CP
        [BtpPorts.Rtcmem] = new(540802),               // GPC (GNSS positioning correction)
        [BtpPorts.Ctlm] = new(624),                    // CTL
        [BtpPorts.Crlm] = new(622),                    // CRL
        [BtpPorts.CertificateRequest] = new(623),      // secured certificate request
        [BtpPorts.Vam] = new(638),                     // VRU
    }.ToFrozenDictionary();

    /// <summary>The PSIDs of the table: the PSIDs messages are signed under.</summary>
    public static FrozenSet<Psid> MessagePsids { get; } = Table.Values.ToFrozenSet();

    /// <summary>The PSID a port's messages are signed under; null for a port outside the table.</summary>
    public static Psid? PsidOf(ushort btpDestinationPort) => Table.TryGetValue(btpDestinationPort, out var psid) ? psid : null;

    /// <summary>
    /// Null when a message signed under <paramref name="psid"/> may travel on <paramref name="port"/> (null: a
    /// packet without BTP-B); else why not, and whether it is the port that is outside the table.
    /// </summary>
    public static (bool UnknownPort, string Reason)? Check(Psid psid, ushort? port)
    {
        if (port is not { } p)
        {
            return (false, $"PSID {psid} on a packet without BTP-B: no port to check it against");
        }

        if (PsidOf(p) is not { } expected)
        {
            return (true, $"BTP port {p} is not in the port table (TS 103 248 / TS 102 965)");
        }

        return expected == psid ? null : (false, $"PSID {psid} on BTP port {p}, which carries PSID {expected}");
    }
}
