using Community.Membership;
using Community.Storage;
using Community.Tests.Infrastructure;
using Cti.Stix;

namespace Community.Tests.Storage;

/// <summary>The store contract, the same rows on SQLite and PostgreSQL.</summary>
public abstract class HubStoreTests : IAsyncLifetime
{
    private IStoreProvider? _provider;
    private IHubStore? _store;

    private IHubStore Store => _store!;

    protected abstract IStoreProvider CreateProvider();

    public async Task InitializeAsync()
    {
        _provider = CreateProvider();
        _store = _provider.Create();
        await _store.InitializeAsync(CancellationToken.None);
        await _store.InitializeAsync(CancellationToken.None); // idempotent
    }

    public async Task DisposeAsync()
    {
        await _store!.DisposeAsync();
        await _provider!.DisposeAsync();
    }

    private static StoredObject Row(string id, long versionUs, string type = "indicator") => new()
    {
        CollectionId = "c1",
        StixId = id,
        StixType = type,
        VersionUs = versionUs,
        Producer = "oem",
        Tlp = TlpLevel.Green,
        Recipients = ["identity--1621d4d4-b67d-11e3-9670-f01faf20d111"],
        ThreatTypes = ["x1371:update-procedures"],
        Makes = ["acme"],
        Completeness = 0.25,
        Confidence = 80,
        Body = $"{{\"id\":\"{id}\",\"v\":{versionUs}}}",
        Created = "2025-01-01T00:00:00.000Z",
    };

    private async Task<long> InsertAsync(StoredObject row, long nowUs)
    {
        await using var batch = await Store.BeginBatchAsync(CancellationToken.None);
        var added = await batch.InsertAsync(row, null, nowUs, CancellationToken.None);
        await batch.CommitAsync(CancellationToken.None);
        return added;
    }

    private Task<IReadOnlyList<StoredObject>> QueryAsync(bool first = false, bool last = false, bool all = false, IReadOnlyList<long>? versions = null) =>
        Store.QueryObjectsAsync(new ObjectQuery { CollectionId = "c1", FirstVersions = first, LastVersions = last, AllVersions = all, Versions = versions, Limit = 100 }, CancellationToken.None);

    [Fact]
    public async Task Round_trips_every_column()
    {
        var row = Row("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", 5) with { ExpiresUs = 99, Revoked = true, Corroboration = 7, ProducedUs = 3 };
        var added = await InsertAsync(row, 1000);
        var back = Assert.Single(await QueryAsync(last: true));
        Assert.Equal(row with { DateAddedUs = added, IsFirst = true, IsLast = true }, back with { Recipients = row.Recipients, ThreatTypes = row.ThreatTypes, Makes = row.Makes, Models = row.Models, Suppliers = row.Suppliers });
        Assert.Equal(row.Recipients, back.Recipients);
        Assert.Equal(row.ThreatTypes, back.ThreatTypes);
        Assert.Equal(row.Makes, back.Makes);
    }

    [Fact]
    public async Task Assigns_strictly_increasing_date_added_even_with_a_frozen_clock()
    {
        var a = await InsertAsync(Row("indicator--00000001-0000-4000-8000-000000000001", 1), 1000);
        var b = await InsertAsync(Row("indicator--00000002-0000-4000-8000-000000000002", 1), 1000);
        var c = await InsertAsync(Row("indicator--00000003-0000-4000-8000-000000000003", 1), 500);
        Assert.Equal(1000, a);
        Assert.Equal(1001, b);
        Assert.Equal(1002, c);
    }

    [Theory]
    [InlineData("in order", new long[] { 10, 20, 30 })]
    [InlineData("newest first", new long[] { 30, 20, 10 })]
    [InlineData("middle last", new long[] { 10, 30, 20 })]
    public async Task Keeps_first_and_last_flags_whatever_the_arrival_order(string name, long[] versions)
    {
        foreach (var v in versions)
        {
            await InsertAsync(Row("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", v), 0);
        }

        Assert.Equal([10L], (await QueryAsync(first: true)).Select(r => r.VersionUs));
        Assert.Equal([30L], (await QueryAsync(last: true)).Select(r => r.VersionUs));
        Assert.Equal([10L, 30L], (await QueryAsync(first: true, last: true)).Select(r => r.VersionUs).Order());
        Assert.Equal([20L], (await QueryAsync(versions: [20])).Select(r => r.VersionUs));
        Assert.Equal(3, (await QueryAsync(all: true)).Count);
        Assert.Empty(await QueryAsync());

        await using (var batch = await Store.BeginBatchAsync(CancellationToken.None))
        {
            Assert.Equal([30L], await batch.DeleteVersionsAsync("c1", "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", [30], CancellationToken.None));
            await batch.CommitAsync(CancellationToken.None);
        }

        Assert.Equal([20L], (await QueryAsync(last: true)).Select(r => r.VersionUs));
        Assert.NotEmpty(name);
    }

    [Fact]
    public async Task Rolls_back_an_uncommitted_batch()
    {
        await InsertAsync(Row("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", 1), 0);
        await using (var batch = await Store.BeginBatchAsync(CancellationToken.None))
        {
            await batch.InsertAsync(Row("indicator--00000002-0000-4000-8000-000000000002", 1), null, 5, CancellationToken.None);
            await batch.DeleteVersionsAsync("c1", "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", null, CancellationToken.None);
            await batch.AppendAuditAsync([new AuditEntry { Action = "erase", Actor = "t" }], CancellationToken.None);
        }

        Assert.Equal(1, await Store.CountObjectsAsync(CancellationToken.None));
        Assert.Empty(await Store.ListAuditAsync(0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Refuses_a_duplicate_version_and_keeps_the_first()
    {
        await InsertAsync(Row("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", 1), 0);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => InsertAsync(Row("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", 1) with { Body = "{}" }, 0));
        Assert.Equal("{\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"v\":1}", Assert.Single(await QueryAsync(all: true)).Body);
    }

    [Fact]
    public async Task Stores_members_subscriptions_rules_settings_and_audit()
    {
        var org = new Organisation { Id = "oem", Name = "OEM", Roles = OrganisationRole.Automaker | OrganisationRole.Supplier, Makes = ["Acme"], Reputation = 0.7 };
        await Store.UpsertOrganisationAsync(org, CancellationToken.None);
        var back = await Store.GetOrganisationAsync("oem", CancellationToken.None);
        Assert.Equal(org.Roles, back!.Roles);
        Assert.Equal(org.Makes, back.Makes);
        Assert.Equal(0.7, back.Reputation);
        Assert.Null(await Store.GetOrganisationAsync("nobody", CancellationToken.None));

        var m = new CollectionMembership { CollectionId = "c1", OrganisationId = "oem", State = MembershipState.Requested, CanRead = true, RequestedAt = Stix.T0 };
        await Store.UpsertMembershipAsync(m, CancellationToken.None);
        await Store.UpsertMembershipAsync(m with { State = MembershipState.Approved }, CancellationToken.None);
        Assert.Equal(MembershipState.Approved, (await Store.GetMembershipAsync("c1", "oem", CancellationToken.None))!.State);
        Assert.Single(await Store.ListMembershipsAsync("c1", null, CancellationToken.None));
        await Store.DeleteMembershipAsync("c1", "oem", CancellationToken.None);
        Assert.Empty(await Store.ListMembershipsAsync(null, "oem", CancellationToken.None));

        await Store.UpsertRuleAsync(new FalseAlarmRule { Id = "r1", Field = "detector", Value = "x", Reason = "y" }, CancellationToken.None);
        Assert.Single(await Store.ListRulesAsync(CancellationToken.None));
        Assert.True(await Store.DeleteRuleAsync("r1", CancellationToken.None));
        Assert.False(await Store.DeleteRuleAsync("r1", CancellationToken.None));

        await Store.SetSettingAsync("k", "v1", CancellationToken.None);
        await Store.SetSettingAsync("k", "v2", CancellationToken.None);
        Assert.Equal("v2", await Store.GetSettingAsync("k", CancellationToken.None));

        await Store.AppendAuditAsync([new AuditEntry { AtUs = 1, Action = "a", Actor = "x" }, new AuditEntry { AtUs = 2, Action = "b", Actor = "y", VersionUs = 5 }], CancellationToken.None);
        var audit = await Store.ListAuditAsync(0, 10, CancellationToken.None);
        Assert.Equal(["a", "b"], audit.Select(a => a.Action));
        Assert.True(audit[1].Sequence > audit[0].Sequence);
        Assert.Equal(["b"], (await Store.ListAuditAsync(audit[0].Sequence, 10, CancellationToken.None)).Select(a => a.Action));
    }
}

public sealed class HubStoreTestsOnSqlite : HubStoreTests
{
    protected override IStoreProvider CreateProvider() => new SqliteStoreProvider();
}

public sealed class HubStoreTestsOnPostgres : HubStoreTests
{
    protected override IStoreProvider CreateProvider() => new PostgresStoreProvider();
}
