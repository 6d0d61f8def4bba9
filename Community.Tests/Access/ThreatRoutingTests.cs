using Community.Access;
using Community.Membership;
using Cti.Sharing;

namespace Community.Tests.Access;

public class ThreatRoutingTests
{
    // ITU-T X.1382 Table 1: (threat type, role, ticked).
    public static TheoryData<X1371ThreatType, OrganisationRole, bool> Table1Cells()
    {
        var ticks = new Dictionary<X1371ThreatType, string>
        {
            // Columns: automakers, suppliers, third party, coordination team, telecom operators, cybersecurity vendors.
            [X1371ThreatType.BackEndServers] = "X.XX.X",
            [X1371ThreatType.CommunicationChannels] = "XXXXXX",
            [X1371ThreatType.UpdateProcedures] = "X.XX.X",
            [X1371ThreatType.UnintendedHumanActions] = "XXX...",
            [X1371ThreatType.ExternalConnectivity] = "XXXXXX",
            [X1371ThreatType.AttackTargetsAndMotivations] = "XXXX.X",
            [X1371ThreatType.PotentialVulnerabilities] = "XXXXXX",
        };
        var data = new TheoryData<X1371ThreatType, OrganisationRole, bool>();
        foreach (var (type, row) in ticks)
        {
            for (var i = 0; i < 6; i++)
            {
                data.Add(type, OrganisationRoles.All[i], row[i] == 'X');
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table1Cells))]
    public void Default_routing_is_x1382_table_1(X1371ThreatType type, OrganisationRole role, bool ticked)
    {
        Assert.Equal(ticked, ThreatRouting.Default.Admits(role, [type]));
    }

    [Fact]
    public void Several_labels_require_a_role_for_each_and_several_roles_may_supply_them()
    {
        var both = new[] { X1371ThreatType.UpdateProcedures, X1371ThreatType.UnintendedHumanActions };
        Assert.False(ThreatRouting.Default.Admits(OrganisationRole.Supplier, both));
        Assert.False(ThreatRouting.Default.Admits(OrganisationRole.CoordinationTeam, both));
        Assert.True(ThreatRouting.Default.Admits(OrganisationRole.Supplier | OrganisationRole.CoordinationTeam, both));
        Assert.True(ThreatRouting.Default.Admits(OrganisationRole.None, []));
    }

    [Fact]
    public void Round_trips_through_json()
    {
        var json = ThreatRouting.Default.ToJson();
        var back = ThreatRouting.FromJson(json);
        Assert.Equal(json, back.ToJson());
    }

    [Theory]
    [InlineData("not JSON", "{")]
    [InlineData("unknown label", "{\"x1371:weather\":[\"automaker\"]}")]
    [InlineData("unknown role", "{\"x1371:back-end-servers\":[\"pirate\"]}")]
    [InlineData("missing types", "{\"x1371:back-end-servers\":[\"automaker\"]}")]
    public void Refuses_a_malformed_routing(string name, string json)
    {
        var e = Assert.Throws<CommunityException>(() => ThreatRouting.FromJson(json));
        Assert.Equal(CommunityErrorKind.Invalid, e.Kind);
        Assert.NotEmpty(name);
    }
}
