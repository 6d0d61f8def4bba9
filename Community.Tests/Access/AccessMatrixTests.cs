using System.Net;
using System.Text.Json.Nodes;
using Community.Membership;
using Community.Tests.Infrastructure;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Tests.Access;

/// <summary>
/// The role × collection access matrix, exhaustively: every reader (each X.1382 §8.1 role, a
/// multi-role member, a client, an outsider, the administrator, anonymous) against collections with
/// every subscription state, on every endpoint; then every TLP level × every X.1371 threat type.
/// The expected outcome comes from an oracle written here from the rules (TAXII 2.1 §5, TLP 2.0,
/// X.1382 Table 1), not from the hub's code.
/// </summary>
public abstract class AccessMatrixTests : HubTestBase
{
    private const OrganisationRole A = OrganisationRole.Automaker;
    private const OrganisationRole S = OrganisationRole.Supplier;
    private const OrganisationRole T = OrganisationRole.ThirdPartyProvider;
    private const OrganisationRole C = OrganisationRole.CoordinationTeam;
    private const OrganisationRole O = OrganisationRole.TelecomOperator;
    private const OrganisationRole V = OrganisationRole.CybersecurityVendor;

    // ITU-T X.1382 Table 1, transcribed row by row from the Recommendation.
    private static readonly Dictionary<X1371ThreatType, OrganisationRole> Table1 = new()
    {
        [X1371ThreatType.BackEndServers] = A | T | C | V,
        [X1371ThreatType.CommunicationChannels] = A | S | T | C | O | V,
        [X1371ThreatType.UpdateProcedures] = A | T | C | V,
        [X1371ThreatType.UnintendedHumanActions] = A | S | T,
        [X1371ThreatType.ExternalConnectivity] = A | S | T | C | O | V,
        [X1371ThreatType.AttackTargetsAndMotivations] = A | S | T | C | V,
        [X1371ThreatType.PotentialVulnerabilities] = A | S | T | C | O | V,
    };

    private static readonly (string Id, OrganisationRole Roles)[] Organisations =
    [
        ("oem", A), ("oem-client", S), ("tier1", S), ("tsp", T), ("cert", C), ("telco", O), ("secvendor", V), ("multi", S | O), ("outsider", A),
    ];

    private enum Sub
    {
        None,
        Requested,
        Rejected,
        Read,
        Write,
        ReadWrite,
    }

    // Subscriptions per collection (organisations not listed: none).
    private static readonly Dictionary<string, Dictionary<string, Sub>> Subscriptions = new()
    {
        ["shared"] = new() { ["oem"] = Sub.ReadWrite, ["tier1"] = Sub.ReadWrite, ["oem-client"] = Sub.Read, ["tsp"] = Sub.Read, ["cert"] = Sub.Read, ["telco"] = Sub.Read, ["secvendor"] = Sub.Read, ["multi"] = Sub.Read },
        ["restricted"] = new() { ["oem"] = Sub.ReadWrite, ["tier1"] = Sub.Write, ["tsp"] = Sub.Requested, ["cert"] = Sub.Rejected, ["telco"] = Sub.Read },
        ["public"] = new() { ["oem"] = Sub.ReadWrite, ["tsp"] = Sub.Requested },
    };

    private readonly Dictionary<string, string> _collections = new();

    private async Task SetUpAsync()
    {
        foreach (var (id, roles) in Organisations)
        {
            await AddOrganisationAsync(id, roles, clients: id == "oem" ? ["oem-client"] : null);
        }

        await AddOrganisationAsync("admin", OrganisationRole.CoordinationTeam, admin: true);
        foreach (var (title, subs) in Subscriptions)
        {
            var c = await AddCollectionAsync(title, publicRead: title == "public", defaultTlp: "clear");
            _collections[title] = c.Id;
            foreach (var (org, sub) in subs)
            {
                switch (sub)
                {
                    case Sub.Requested:
                        await Hub.Membership.RequestJoinAsync(org, c.Id, true, true, CancellationToken.None);
                        break;
                    case Sub.Rejected:
                        await Hub.Membership.RequestJoinAsync(org, c.Id, true, true, CancellationToken.None);
                        await Hub.Membership.RejectAsync(c.Id, org, "admin", CancellationToken.None);
                        break;
                    default:
                        await JoinAsync(org, c.Id, sub is Sub.Read or Sub.ReadWrite, sub is Sub.Write or Sub.ReadWrite);
                        break;
                }
            }
        }
    }

    [Fact]
    public async Task Every_reader_gets_exactly_its_rights_on_every_collection_and_endpoint()
    {
        await SetUpAsync();
        string[] readers = [.. Organisations.Select(o => o.Id), "admin", "(anonymous)"];
        using var oem = Client("oem");
        foreach (var (title, id) in _collections)
        {
            // A probe object every reader may see once it may read (TLP:CLEAR, no threat type), and
            // one object per reader for that reader to try to delete.
            await PostAsync(oem, id, [Stix.Indicator(1000, TlpLevel.Clear), .. readers.Select((_, i) => Stix.Indicator(2000 + i, TlpLevel.Clear))]);
        }

        var before = await Store.CountObjectsAsync(CancellationToken.None);
        var failures = new List<string>();
        var expectedWrites = 0;
        for (var r = 0; r < readers.Length; r++)
        {
            var reader = readers[r];
            using var client = reader == "(anonymous)" ? Client(null) : Client(reader);
            foreach (var (title, id) in _collections)
            {
                var sub = reader.StartsWith('(') ? Sub.None : Subscriptions[title].GetValueOrDefault(reader, Sub.None);
                var isPublic = title == "public";
                var anonymous = reader == "(anonymous)";
                var canRead = sub is Sub.Read or Sub.ReadWrite || isPublic;
                var canWrite = sub is Sub.Write or Sub.ReadWrite;
                var known = sub != Sub.None || isPublic;
                HttpStatusCode Refusal() => anonymous ? HttpStatusCode.Unauthorized : known ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
                var read = canRead ? HttpStatusCode.OK : Refusal();
                var collectionVisible = canRead || canWrite;
                var expectations = new (string Name, HttpMethod Method, string Path, HttpStatusCode Expected)[]
                {
                    ("get collection", HttpMethod.Get, $"{Root}collections/{id}/", collectionVisible ? HttpStatusCode.OK : Refusal()),
                    ("get objects", HttpMethod.Get, ObjectsUrl(id), read),
                    ("get manifest", HttpMethod.Get, $"{Root}collections/{id}/manifest/", read),
                    ("get object", HttpMethod.Get, $"{ObjectsUrl(id)}{Stix.Id("indicator", 1000)}/", read),
                    ("get versions", HttpMethod.Get, $"{ObjectsUrl(id)}{Stix.Id("indicator", 1000)}/versions/", read),
                    ("post", HttpMethod.Post, ObjectsUrl(id), canWrite ? HttpStatusCode.Accepted : Refusal()),
                    ("delete", HttpMethod.Delete, $"{ObjectsUrl(id)}{Stix.Id("indicator", 2000 + r)}/",
                        canWrite ? (reader == "oem" ? HttpStatusCode.OK : HttpStatusCode.Forbidden) : Refusal()),
                };
                foreach (var (name, method, path, expected) in expectations)
                {
                    using var request = new HttpRequestMessage(method, path);
                    if (method == HttpMethod.Post)
                    {
                        request.Content = Envelope([Stix.Indicator(3000 + (r * 10) + _collections.Keys.ToList().IndexOf(title), TlpLevel.Clear)]);
                    }

                    using var response = await client.SendAsync(request);
                    if (response.StatusCode != expected)
                    {
                        failures.Add($"{reader} / {title} / {name}: expected {(int)expected}, got {(int)response.StatusCode}");
                    }

                    if (method == HttpMethod.Post && response.StatusCode == HttpStatusCode.Accepted)
                    {
                        expectedWrites++;
                    }
                }

                // The collections list shows exactly the usable collections.
                using var list = await client.GetAsync(Root + "collections/");
                var listed = (await JsonAsync(list))["collections"]?.AsArray().Select(c => (string)c!["id"]!).ToHashSet() ?? [];
                if (listed.Contains(id) != collectionVisible)
                {
                    failures.Add($"{reader} / {title} / collections list: listed={listed.Contains(id)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Only permitted writes reached the store; the producer's one delete per collection removed one object each.
        Assert.Equal(before + expectedWrites - _collections.Count, await Store.CountObjectsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Every_reader_sees_exactly_the_objects_tlp_and_table_1_allow()
    {
        await SetUpAsync();
        var shared = _collections["shared"];
        var tier1 = await Store.GetOrganisationAsync("tier1", CancellationToken.None);
        using var oem = Client("oem");
        var objects = new List<(JsonObject Obj, string Producer, TlpLevel Tlp, X1371ThreatType? Threat, string[] Recipients)>();
        var n = 0;
        foreach (var tlp in Enum.GetValues<TlpLevel>())
        {
            foreach (var threat in X1371ThreatTypes.All.Cast<X1371ThreatType?>().Prepend(null))
            {
                var obj = Stix.Indicator(++n, tlp, threat);
                string[] recipients = [];
                if (tlp == TlpLevel.Red)
                {
                    obj["extensions"] = new JsonObject
                    {
                        [HubExtension.Id] = new JsonObject { ["extension_type"] = "property-extension", [HubExtension.Recipients] = new JsonArray(tier1!.IdentityId) },
                    };
                    recipients = ["tier1"];
                }

                objects.Add((obj, "oem", tlp, threat, recipients));
            }
        }

        var status = await PostAsync(oem, shared, objects.Select(o => o.Obj));
        Assert.Equal(objects.Count, status.SuccessCount);
        using var tier1Client = Client("tier1");
        var own = Stix.Indicator(++n, TlpLevel.AmberStrict, X1371ThreatType.UpdateProcedures);
        await PostAsync(tier1Client, shared, [own]);
        objects.Add((own, "tier1", TlpLevel.AmberStrict, X1371ThreatType.UpdateProcedures, []));

        var clientsOf = new Dictionary<string, string[]> { ["oem"] = ["oem-client"], ["tier1"] = [] };
        bool Visible(string reader, OrganisationRole roles, (JsonObject Obj, string Producer, TlpLevel Tlp, X1371ThreatType? Threat, string[] Recipients) o) =>
            reader == o.Producer ||
            ((o.Threat is null || (Table1[o.Threat.Value] & roles) != 0) && o.Tlp switch
            {
                TlpLevel.Clear or TlpLevel.Green => true,
                TlpLevel.Amber => clientsOf[o.Producer].Contains(reader),
                TlpLevel.Red => o.Recipients.Contains(reader),
                _ => false,
            });

        var failures = new List<string>();
        foreach (var (reader, roles) in Organisations.Where(o => o.Id != "outsider"))
        {
            using var client = Client(reader);
            var expected = objects.Where(o => Visible(reader, roles, o)).Select(o => (string)o.Obj["id"]!).ToHashSet();
            var seen = (await ReadAllAsync(client, shared)).Select(o => (string)o["id"]!).ToHashSet();
            if (!seen.SetEquals(expected))
            {
                failures.Add($"{reader}: objects endpoint extra [{string.Join(", ", seen.Except(expected))}] missing [{string.Join(", ", expected.Except(seen))}]");
            }

            using var manifest = await client.GetAsync($"{Root}collections/{shared}/manifest/?limit=1000");
            var listed = ((await JsonAsync(manifest))["objects"]?.AsArray() ?? []).Select(r => (string)r!["id"]!).ToHashSet();
            if (!listed.SetEquals(expected))
            {
                failures.Add($"{reader}: manifest differs");
            }

            foreach (var o in objects)
            {
                var id = (string)o.Obj["id"]!;
                using var single = await client.GetAsync($"{ObjectsUrl(shared)}{id}/");
                using var versions = await client.GetAsync($"{ObjectsUrl(shared)}{id}/versions/");
                var want = expected.Contains(id) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                if (single.StatusCode != want || versions.StatusCode != want)
                {
                    failures.Add($"{reader}: {id} ({o.Tlp}, {o.Threat}) object {(int)single.StatusCode} versions {(int)versions.StatusCode}, expected {(int)want}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        using var outsider = Client("outsider");
        using var refused = await outsider.GetAsync(ObjectsUrl(shared));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task A_public_collection_shows_only_clear_unlabelled_objects_to_non_members()
    {
        await SetUpAsync();
        var pub = _collections["public"];
        using var oem = Client("oem");
        await PostAsync(oem, pub, [
            Stix.Indicator(1, TlpLevel.Clear), Stix.Indicator(2, TlpLevel.Green), Stix.Indicator(3, TlpLevel.Clear, X1371ThreatType.PotentialVulnerabilities),
            Stix.Indicator(4, TlpLevel.Amber),
        ]);
        foreach (var reader in (string?[])[null, "tier1", "tsp"])
        {
            using var client = Client(reader);
            var seen = (await ReadAllAsync(client, pub)).Select(o => (string)o["id"]!).ToList();
            Assert.Equal([Stix.Id("indicator", 1)], seen);
        }

        Assert.Equal(4, (await ReadAllAsync(oem, pub)).Count);
    }

    [Fact]
    public async Task Only_the_producer_publishes_new_versions_of_an_object()
    {
        await SetUpAsync();
        var shared = _collections["shared"];
        using var oem = Client("oem");
        using var tier1 = Client("tier1");
        await PostAsync(oem, shared, [Stix.Indicator(1)]);
        var hijack = Stix.Indicator(1, modified: Stix.T0, name: "changed by someone else");
        hijack["revoked"] = true;
        var status = await PostAsync(tier1, shared, [hijack]);
        Assert.Equal(1, status.FailureCount);
        Assert.Contains("producer", status.Failures![0].Message, StringComparison.Ordinal);
        var versions = await ReadAllAsync(oem, shared, "&match[version]=all");
        var only = Assert.Single(versions);
        Assert.Equal("Indicator 1", (string)only["name"]!);
    }
}

public sealed class AccessMatrixTestsOnSqlite : AccessMatrixTests
{
    protected override IStoreProvider CreateProvider() => new SqliteStoreProvider();
}

public sealed class AccessMatrixTestsOnPostgres : AccessMatrixTests
{
    protected override IStoreProvider CreateProvider() => new PostgresStoreProvider();
}
