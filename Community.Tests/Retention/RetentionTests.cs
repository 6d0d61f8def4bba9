using System.Text.Json.Nodes;
using Community.Membership;
using Community.Tests.Infrastructure;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Tests.Retention;

/// <summary>Erasure of obsolete information with an audit trail (ITU-T X.1382 §9.3.1.2 c), driven by the fake clock.</summary>
public abstract class RetentionTests : HubTestBase
{
    private async Task<string> SetUpAsync(double? retentionDays)
    {
        await AddOrganisationAsync("oem", OrganisationRole.Automaker);
        var c = await AddCollectionAsync("fleet", retentionDays: retentionDays, defaultTlp: "green");
        await JoinAsync("oem", c.Id, read: true, write: true);
        return c.Id;
    }

    [Fact]
    public async Task Erases_objects_past_the_collection_retention_and_audits_each()
    {
        var c = await SetUpAsync(30);
        using var oem = Client("oem");
        await PostAsync(oem, c, [Stix.Indicator(1), Stix.Indicator(2), Stix.Indicator(2, modified: Stix.T0)]);

        Time.Advance(TimeSpan.FromDays(29));
        var early = await Hub.Retention.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, early.ErasedVersions);
        Assert.Equal(3, await Store.CountObjectsAsync(CancellationToken.None));

        Time.Advance(TimeSpan.FromDays(2));
        var report = await Hub.Retention.RunOnceAsync(CancellationToken.None);
        Assert.Equal(3, report.ErasedVersions);
        Assert.Equal(0, await Store.CountObjectsAsync(CancellationToken.None));
        Assert.Empty(await ReadAllAsync(oem, c, "&match[version]=all"));

        var audit = (await Store.ListAuditAsync(0, 1000, CancellationToken.None)).Where(a => a.Action == "erase").ToList();
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a =>
        {
            Assert.Equal("retention-job", a.Actor);
            Assert.Equal(c, a.CollectionId);
            Assert.Equal(StixTimestamp.ToMicroseconds(Time.GetUtcNow()), a.AtUs);
            Assert.NotNull(a.VersionUs);
            Assert.StartsWith("expired at", a.Reason, StringComparison.Ordinal);
        });
        Assert.Equal([Stix.Id("indicator", 1), Stix.Id("indicator", 2), Stix.Id("indicator", 2)], audit.Select(a => a.Subject).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, int, int> ObjectExpiries => new()
    {
        // (row, days until the object becomes obsolete, days until it is erased)
        { "retain_until of the hub extension", 2, 2 },
        { "indicator valid_until plus 30 days grace", 1, 31 },
        { "revocation plus 7 days grace", 0, 7 },
    };

    [Theory]
    [MemberData(nameof(ObjectExpiries))]
    public async Task Erases_obsolete_objects_on_their_own_expiry(string name, int obsoleteDays, int erasedDays)
    {
        var c = await SetUpAsync(null);
        using var oem = Client("oem");
        var target = Stix.Indicator(1);
        switch (name[0])
        {
            case 'r' when name.StartsWith("retain", StringComparison.Ordinal):
                target["extensions"] = new JsonObject
                {
                    [HubExtension.Id] = new JsonObject { ["extension_type"] = "property-extension", [HubExtension.RetainUntil] = StixTimestamp.Format(Stix.T0.AddDays(obsoleteDays)) },
                };
                break;
            case 'i':
                target["valid_until"] = StixTimestamp.Format(Stix.T0.AddDays(obsoleteDays));
                break;
            default:
                await PostAsync(oem, c, [Stix.Indicator(1)]);
                target = Stix.Indicator(1, modified: Stix.T0);
                target["revoked"] = true;
                break;
        }

        await PostAsync(oem, c, [target, Stix.Indicator(2)]);
        Time.Advance(TimeSpan.FromDays(erasedDays) - TimeSpan.FromMinutes(1));
        await Hub.Retention.RunOnceAsync(CancellationToken.None);
        Assert.Contains(Stix.Id("indicator", 1), (await ReadAllAsync(oem, c)).Select(o => (string)o["id"]!));

        Time.Advance(TimeSpan.FromMinutes(2));
        await Hub.Retention.RunOnceAsync(CancellationToken.None);
        var left = (await ReadAllAsync(oem, c, "&match[version]=all")).Select(o => (string)o["id"]!).ToList();
        Assert.Equal([Stix.Id("indicator", 2)], left);
        Assert.NotEmpty(name);
    }

    [Fact]
    public async Task Erases_merged_anomalies_not_seen_within_the_retention_and_starts_them_afresh()
    {
        var c = await SetUpAsync(10);
        using var oem = Client("oem");
        await PostAsync(oem, c, [.. Stix.Summary(1).ToStixObjects(), .. Stix.Summary(2).ToStixObjects()]);
        Time.Advance(TimeSpan.FromDays(11));
        var report = await Hub.Retention.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, report.ErasedGroups);
        Assert.Empty(await ReadAllAsync(oem, c));
        var audit = await Store.ListAuditAsync(0, 1000, CancellationToken.None);
        Assert.Contains(audit, a => a.Action == "erase" && a.Subject!.StartsWith("indicator--", StringComparison.Ordinal));

        await PostAsync(oem, c, Stix.Summary(3).ToStixObjects());
        var sighting = Assert.Single(await ReadAllAsync(oem, c, "&match[type]=sighting"));
        Assert.Equal(1, (int)sighting["count"]!);
    }

    [Fact]
    public async Task An_unfinished_write_leaves_the_store_unchanged()
    {
        var c = await SetUpAsync(null);
        using var oem = Client("oem");
        await PostAsync(oem, c, [Stix.Indicator(1)]);
        await using (var batch = await Store.BeginBatchAsync(CancellationToken.None))
        {
            await batch.DeleteVersionsAsync(c, Stix.Id("indicator", 1), null, CancellationToken.None);
            await batch.InsertAsync(new Community.Storage.StoredObject { CollectionId = c, StixId = Stix.Id("indicator", 9), StixType = "indicator", Producer = "oem", Body = "{}" }, null, 1, CancellationToken.None);
        }

        Assert.Equal([Stix.Id("indicator", 1)], (await ReadAllAsync(oem, c)).Select(o => (string)o["id"]!));
    }
}

public sealed class RetentionTestsOnSqlite : RetentionTests
{
    protected override IStoreProvider CreateProvider() => new SqliteStoreProvider();
}

public sealed class RetentionTestsOnPostgres : RetentionTests
{
    protected override IStoreProvider CreateProvider() => new PostgresStoreProvider();
}
