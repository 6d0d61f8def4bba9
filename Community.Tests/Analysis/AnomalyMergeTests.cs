using System.Net;
using System.Text.Json.Nodes;
using Community.Membership;
using Community.Tests.Infrastructure;
using Cti.Patterning;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Tests.Analysis;

/// <summary>Merging of repeated anomaly summaries (ITU-T X.1382 Appendix II e) and revocation of false alarms.</summary>
public abstract class AnomalyMergeTests : HubTestBase
{
    private string _collection = string.Empty;

    protected override Hosting.HubOptions Options => base.Options with { MaxContentLengthBytes = 4 * 1024 * 1024 };

    private async Task SetUpAsync()
    {
        await AddOrganisationAsync("oem", OrganisationRole.Automaker, clients: ["oem-client"]);
        await AddOrganisationAsync("oem2", OrganisationRole.Automaker);
        await AddOrganisationAsync("oem-client", OrganisationRole.Supplier);
        await AddOrganisationAsync("cert", OrganisationRole.CoordinationTeam);
        await AddOrganisationAsync("admin", OrganisationRole.CoordinationTeam, admin: true);
        _collection = (await AddCollectionAsync("fleet", defaultTlp: "green")).Id;
        foreach (var org in (string[])["oem", "oem2", "oem-client", "cert"])
        {
            await JoinAsync(org, _collection, read: true, write: true);
        }
    }

    private static JsonObject Ext(JsonObject obj) => (JsonObject)obj["extensions"]![HubExtension.Id]!;

    private async Task<(List<JsonObject> Indicators, List<JsonObject> Sightings)> MergedAsync(HttpClient client)
    {
        var merged = await ReadAllAsync(client, _collection, "&match[type]=indicator,sighting");
        return (merged.Where(o => (string)o["type"]! == "indicator").ToList(), merged.Where(o => (string)o["type"]! == "sighting").ToList());
    }

    [Fact]
    public async Task Concurrent_envelopes_each_get_their_own_status_and_every_report_is_counted_once()
    {
        await SetUpAsync();
        // 24 vehicles post at once (group commit writes those waiting together); half of them post twice (a retry).
        var posts = Enumerable.Range(0, 24).Select(v => (Client: Client("oem"), Objects: Stix.Summary(v).ToStixObjects())).ToList();
        var statuses = await Task.WhenAll(posts.Concat(posts.Take(12)).Select(p => PostAsync(p.Client, _collection, p.Objects)));
        foreach (var (client, _) in posts)
        {
            client.Dispose();
        }

        Assert.Equal(36, statuses.Select(s => s.Id).Distinct().Count());
        Assert.All(statuses, s => Assert.Equal((2, 0), (s.SuccessCount, s.FailureCount)));
        using var cert = Client("cert");
        var (indicators, sightings) = await MergedAsync(cert);
        Assert.Single(indicators);
        var sighting = Assert.Single(sightings);
        Assert.Equal(24, (int)sighting["count"]!);
        Assert.Equal(24, (int)Ext(sighting)[HubExtension.VehicleCount]!);
        Assert.Equal(24, (await ReadAllAsync(cert, _collection, "&match[type]=observed-data")).Count);
    }

    [Fact]
    public async Task Groups_made_with_uuid_v5_ids_keep_them_and_new_groups_get_uuid_v4()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        await PostAsync(oem, _collection, Stix.Summary(0).ToStixObjects());
        var (indicators, sightings) = await MergedAsync(oem);
        var (newIndicator, newSighting) = ((string)indicators.Single()["id"]!, (string)sightings.Single()["id"]!);
        Assert.Equal(4, Guid.Parse(newIndicator["indicator--".Length..]).Version);

        // A store from before: the group's merged objects carry UUIDv5 ids (over collection and group key).
        var oldIndicator = StixId.Create("indicator", StixId.Uuid5(Guid.Parse("5f3e7a3c-9a44-4b3f-9a53-0d7c1a8e2b61"), "old|indicator")).ToString();
        var oldSighting = StixId.Create("sighting", StixId.Uuid5(Guid.Parse("5f3e7a3c-9a44-4b3f-9a53-0d7c1a8e2b61"), "old|sighting")).ToString();
        await using (var connection = await ((global::Community.Storage.SqlHubStore)Store).OpenAsync(CancellationToken.None))
        {
            foreach (var (from, to) in new[] { (newIndicator, oldIndicator), (newSighting, oldSighting) })
            {
                foreach (var sql in (string[])["UPDATE objects SET stix_id = @to WHERE stix_id = @from", "UPDATE objects SET body = REPLACE(body, @from, @to)",
                                               "UPDATE anomaly_groups SET body = REPLACE(body, @from, @to)"])
                {
                    await using var cmd = global::Community.Storage.SqlHubStore.Command(connection, null, sql, ("@from", from), ("@to", to));
                    await cmd.ExecuteNonQueryAsync();
                }
            }
        }

        Time.Advance(TimeSpan.FromSeconds(1));
        await PostAsync(oem, _collection, Stix.Summary(1).ToStixObjects());
        (indicators, sightings) = await MergedAsync(oem);
        Assert.Equal(oldIndicator, (string)indicators.Single()["id"]!);
        var sighting = sightings.Single();
        Assert.Equal(oldSighting, (string)sighting["id"]!);
        Assert.Equal(oldIndicator, (string)sighting["sighting_of_ref"]!);
        Assert.Equal(2, (int)sighting["count"]!);
    }

    [Fact]
    public async Task A_thousand_identical_reports_from_a_thousand_vehicles_become_one_indicator_with_a_thousand_sightings()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        var signature = Stix.Summary(0).Signature;
        var envelopes = new List<List<JsonObject>>();
        for (var start = 0; start < 1000; start += 100)
        {
            envelopes.Add(Enumerable.Range(start, 100).SelectMany(v => Stix.Summary(v).ToStixObjects()).DistinctBy(o => (string)o["id"]!).ToList());
        }

        foreach (var envelope in envelopes)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            var status = await PostAsync(oem, _collection, envelope);
            Assert.Equal(0, status.FailureCount);
        }

        // Re-sending an envelope (an OBU retrying) changes nothing.
        await PostAsync(oem, _collection, envelopes[3]);

        using var cert = Client("cert");
        var (indicators, sightings) = await MergedAsync(cert);
        var indicator = Assert.Single(indicators);
        var sighting = Assert.Single(sightings);
        Assert.Equal(signature, (string)Ext(indicator)[HubExtension.AnomalySignature]!);
        Assert.Equal((string)indicator["id"]!, (string)sighting["sighting_of_ref"]!);
        Assert.Equal(1000, (int)sighting["count"]!);
        Assert.Equal(1000, (int)Ext(sighting)[HubExtension.VehicleCount]!);
        Assert.Equal(1000, (int)Ext(sighting)[HubExtension.ReportCount]!);
        var summaries = Enumerable.Range(0, 1000).Select(v => Stix.Summary(v)).ToList();
        Assert.Equal(StixTimestamp.Format(summaries.Min(s => s.FirstObserved)), (string)sighting["first_seen"]!);
        Assert.Equal(StixTimestamp.Format(summaries.Max(s => s.LastObserved)), (string)sighting["last_seen"]!);
        Assert.Equal("x1371:update-procedures", (string)indicator["labels"]![0]!);
        var pattern = StixPattern.Parse((string)indicator["pattern"]!);
        Assert.Equal("SHA-256", ((KeyStep)pattern.Comparisons().Single().Path.Steps[1]).Name);
        Assert.Equal(1000, (await ReadAllAsync(cert, _collection, "&match[type]=observed-data")).Count);

        // The same vehicle again (a new summary): one more report, no new vehicle.
        await PostAsync(oem, _collection, Stix.Summary(5, summaryNumber: 5005).ToStixObjects());
        (_, sightings) = await MergedAsync(cert);
        Assert.Equal(1001, (int)Single(sightings)["count"]!);
        Assert.Equal(1000, (int)Ext(Single(sightings))[HubExtension.VehicleCount]!);
    }

    private static JsonObject Single(List<JsonObject> list) => Assert.Single(list);

    [Fact]
    public async Task Different_signatures_merge_separately()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        await PostAsync(oem, _collection, [.. Stix.Summary(1).ToStixObjects(), .. Stix.Summary(2, detector: "memory-guard").ToStixObjects(), .. Stix.Summary(3).ToStixObjects()]);
        var (indicators, sightings) = await MergedAsync(oem);
        Assert.Equal(2, indicators.Count);
        Assert.Equal([1, 2], sightings.Select(s => (int)s["count"]!).Order());
    }

    [Fact]
    public async Task Amber_reports_merge_per_producer_and_keep_their_reach()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        using var oem2 = Client("oem2");
        // Communication-channel threats reach suppliers too (X.1382 Table 1), so the supplier client can read them.
        const X1371ThreatType channels = X1371ThreatType.CommunicationChannels;
        await PostAsync(oem, _collection, [.. Stix.Summary(1, TlpLevel.Amber, threat: channels).ToStixObjects(), .. Stix.Summary(2, TlpLevel.Amber, threat: channels).ToStixObjects()]);
        await PostAsync(oem2, _collection, Stix.Summary(3, TlpLevel.Amber, threat: channels).ToStixObjects());

        var (oemIndicators, oemSightings) = await MergedAsync(oem);
        Assert.Single(oemIndicators);
        Assert.Equal(2, (int)Single(oemSightings)["count"]!);
        Assert.Equal(Tlp.AmberId, (string)oemSightings[0]["object_marking_refs"]![0]!);
        using var client = Client("oem-client");
        Assert.Equal(2, (int)Single((await MergedAsync(client)).Sightings)["count"]!);
        Assert.Equal(1, (int)Single((await MergedAsync(oem2)).Sightings)["count"]!);
        using var cert = Client("cert");
        Assert.Empty((await MergedAsync(cert)).Indicators);
    }

    [Fact]
    public async Task Red_reports_are_not_merged_and_clear_groups_become_green_when_green_reports_join()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        await PostAsync(oem, _collection, Stix.Summary(1, TlpLevel.Red).ToStixObjects());
        Assert.Empty((await MergedAsync(oem)).Indicators);

        await PostAsync(oem, _collection, Stix.Summary(2, TlpLevel.Clear, detector: "memory-guard").ToStixObjects());
        Assert.Equal(Tlp.ClearId, (string)Single((await MergedAsync(oem)).Indicators)["object_marking_refs"]![0]!);
        Time.Advance(TimeSpan.FromSeconds(1));
        await PostAsync(oem, _collection, Stix.Summary(3, TlpLevel.Green, detector: "memory-guard").ToStixObjects());
        var (indicators, sightings) = await MergedAsync(oem);
        Assert.Equal(Tlp.GreenId, (string)Single(indicators)["object_marking_refs"]![0]!);
        Assert.Equal(Tlp.GreenId, (string)Single(sightings)["object_marking_refs"]![0]!);
    }

    [Fact]
    public async Task A_false_alarm_is_revoked_as_a_new_version_and_filtered_afterwards()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        await PostAsync(oem, _collection, [.. Stix.Summary(1).ToStixObjects(), .. Stix.Summary(2).ToStixObjects()]);
        var signature = Stix.Summary(1).Signature;
        var before = Single((await MergedAsync(oem)).Indicators);

        using var admin = Client("admin", accept: "application/json");
        Time.Advance(TimeSpan.FromMinutes(5));
        using var revoke = await admin.PostAsync($"/admin/collections/{_collection}/anomalies/{signature}/revoke",
            new StringContent("{\"reason\":\"bench firmware build, not an attack\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var (indicators, sightings) = await MergedAsync(oem);
        var after = Single(indicators);
        Assert.True((bool)after["revoked"]!);
        Assert.True((bool)Single(sightings)["revoked"]!);
        Assert.True(StixTimestamp.Parse((string)after["modified"]!) > StixTimestamp.Parse((string)before["modified"]!));
        Assert.Equal((string)before["created"]!, (string)after["created"]!);

        var status = await PostAsync(oem, _collection, Stix.Summary(3).ToStixObjects());
        Assert.Contains("false alarm", Assert.Single(status.Failures!).Message, StringComparison.Ordinal);
        Assert.Contains(await Store.ListAuditAsync(0, 100, CancellationToken.None), a => a.Action == "revoke" && a.Subject == signature && a.Actor == "admin");
    }

    [Fact]
    public async Task False_alarm_rules_filter_reports_before_they_are_stored()
    {
        await SetUpAsync();
        await Hub.Membership.AddRuleAsync(new Community.Admin.RuleRequest("detector", "memory-guard", "known noisy on bench units"), CancellationToken.None);
        using var oem = Client("oem");
        var status = await PostAsync(oem, _collection, [.. Stix.Summary(1, detector: "memory-guard").ToStixObjects(), .. Stix.Summary(2).ToStixObjects()]);
        var failure = Assert.Single(status.Failures!);
        Assert.Equal(Stix.Summary(1, detector: "memory-guard").ObservedDataId, failure.Id);
        Assert.Single(await ReadAllAsync(oem, _collection, "&match[type]=observed-data"));
    }
}

public sealed class AnomalyMergeTestsOnSqlite : AnomalyMergeTests
{
    protected override IStoreProvider CreateProvider() => new SqliteStoreProvider();
}

public sealed class AnomalyMergeTestsOnPostgres : AnomalyMergeTests
{
    protected override IStoreProvider CreateProvider() => new PostgresStoreProvider();
}
