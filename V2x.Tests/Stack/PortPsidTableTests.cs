using V2x.Security;
using V2x.Stack;

namespace V2x.Tests.Stack;

/// <summary>
/// The BTP port → PSID table (ETSI TS 103 248 v2.1.1 ports, ETSI TS 102 965 v1.5.1 Annex A ITS-AIDs; numbers as in
/// Vanetza's ports.hpp and its_aid.hpp): every port in it with its PSID, both ways; ports outside it and PSIDs that
/// are no message service (0x1E IDF, 0x1D OEM) refused.
/// </summary>
public sealed class PortPsidTableTests
{
    // name, port, PSID (null: no BTP-B), expected: null passes, true unknown port, false mismatch
    public static TheoryData<string, ushort?, ulong, bool?> Rows => new()
    {
        { "CAM 2001 / CA 36", 2001, 36, null },
        { "DENM 2002 / DEN 37", 2002, 37, null },
        { "MAPEM 2003 / RLT 138", 2003, 138, null },
        { "SPATEM 2004 / TLM 137", 2004, 137, null },
        { "SAEM 2005 / SA 540801", 2005, 540801, null },
        { "IVIM 2006 / IVI 139", 2006, 139, null },
        { "SREM 2007 / TLC request 140", 2007, 140, null },
        { "SSEM 2008 / TLC response 637", 2008, 637, null },
        { "CPM 2009 / CP 639", 2009, 639, null },
        { "RTCMEM 2013 / GPC 540802", 2013, 540802, null },
        { "CTLM 2014 / CTL 624", 2014, 624, null },
        { "CRLM 2015 / CRL 622", 2015, 622, null },
        { "certificate requests 2016 / 623", 2016, 623, null },
        { "VAM 2018 / VRU 638", 2018, 638, null },
        { "IDF 0x1E on 2001", 2001, 0x1E, false },
        { "IDF 0x1E on 2003", 2003, 0x1E, false },
        { "OEM 0x1D on 2002", 2002, 0x1D, false },
        { "DEN 37 on the CAM port", 2001, 37, false },
        { "CA 36 on the MAPEM port", 2003, 36, false },
        { "EVCSN POI 2010 (no ITS-AID in TS 102 965)", 2010, 36, true },
        { "IMZM 2019 (no ITS-AID in TS 102 965)", 2019, 36, true },
        { "port 7777", 7777, 0x1E, true },
        { "port 0", 0, 36, true },
        { "no BTP-B", null, 36, false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Psid_and_port_are_checked_both_ways(string name, ushort? port, ulong psid, bool? unknownPort)
    {
        var problem = PortPsidTable.Check(new Psid(psid), port);
        Assert.True(unknownPort == problem?.UnknownPort, $"{name}: {problem?.Reason ?? "passes"}");
    }

    [Fact]
    public void Every_message_psid_belongs_to_one_port_and_no_station_permission_is_one()
    {
        Assert.Equal(PortPsidTable.Table.Count, PortPsidTable.MessagePsids.Count);
        Assert.DoesNotContain(new Psid(0x1E), (IReadOnlySet<Psid>)PortPsidTable.MessagePsids);
        Assert.DoesNotContain(new Psid(0x1D), (IReadOnlySet<Psid>)PortPsidTable.MessagePsids);
    }
}
