using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Storage;
using Community.Tests.Infrastructure;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Tests.Taxii;

public abstract partial class TaxiiConformanceTests
{
    [Fact]
    public async Task Serves_every_object_byte_for_byte_as_stored_and_json_canonical()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        // Posted with members out of order, whitespace, escapes and non-ASCII text: stored and served canonical (RFC 8785).
        const string Posted = """
            { "type" : "indicator", "spec_version":"2.1", "pattern_type":"stix", "id":"indicator--0000000a-0000-4000-8000-00000000000a",
              "modified":"2025-02-19T08:00:00.123Z", "created":"2025-02-19T08:00:00.123Z", "name":"Fl\u00fcgel \"rot\"\tm\u00e4\u00dfig",
              "pattern":"[file:name = 'x.bin']", "valid_from":"2025-02-19T08:00:00Z", "confidence": 10 }
            """;
        using (var content = new StringContent("""{"objects":[""" + Posted + "]}", Encoding.UTF8))
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(Cti.Taxii.TaxiiMediaType.Taxii21);
            using var posted = await oem.PostAsync(ObjectsUrl(_collection), content);
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            Assert.Equal(1, (await JsonAsync(posted))["success_count"]!.GetValue<int>());
        }

        var summaries = Enumerable.Range(0, 3).Select(v => Stix.Summary(v) with
        {
            Observables = [Observables.File("bl2.bin", "4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877"), .. Flow(v)],
        });
        await PostAsync(oem, _collection, summaries.SelectMany(s => s.ToStixObjects()).DistinctBy(o => (string)o["id"]!));

        var stored = (await Store.QueryObjectsAsync(new ObjectQuery { CollectionId = _collection, AllVersions = true, Limit = 1000 }, CancellationToken.None))
            .ToDictionary(o => o.StixId + "|" + o.VersionUs, o => o.Body);
        using var response = await oem.GetAsync(ObjectsUrl(_collection) + "?match[version]=all&limit=1000");
        using var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var served = envelope.RootElement.GetProperty("objects").EnumerateArray().Select(e => e.GetRawText()).ToList();

        Assert.Equal(stored.Count, served.Count);
        Assert.True(served.Count >= 10, $"{served.Count} objects served");
        foreach (var text in served)
        {
            Assert.Contains(text, stored.Values);
            Assert.Equal(JsonCanonicalizer.Canonicalize(JsonNode.Parse(text)), text);
        }

        using (var content = new StringContent("""{"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--0000000b-0000-4000-8000-00000000000b","created":"2025-02-19T08:00:00.123Z","modified":"2025-02-19T08:00:00.123Z","name":"half \ud800 a pair","pattern":"[file:name = 'x.bin']","pattern_type":"stix","valid_from":"2025-02-19T08:00:00Z"}]}""", Encoding.UTF8))
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(Cti.Taxii.TaxiiMediaType.Taxii21);
            // Not I-JSON (RFC 7493 §2.1, an unpaired surrogate): the whole envelope is refused before any object is read
            // (StixJson.Parse; fuzzing finding taxii-2, Docs/fuzzing.md), and nothing of it is stored.
            using var refused = await oem.PostAsync(ObjectsUrl(_collection), content);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("unpaired surrogate", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var after = await Store.QueryObjectsAsync(new ObjectQuery { CollectionId = _collection, AllVersions = true, Limit = 1000 }, CancellationToken.None);
            Assert.Equal(stored.Count, after.Count);
        }

        Assert.Contains(served, t => t.Contains("\"name\":\"Flügel \\\"rot\\\"\\tmäßig\"", StringComparison.Ordinal) && t.Contains("\"confidence\":10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recomputing_an_observables_deterministic_id_from_the_served_object_gives_its_id()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        var summary = Stix.Summary(1) with
        {
            Observables = [Observables.File("bl2.bin", "4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877"), Observables.Software("obu-firmware", "2.4.1", "Acme"), .. Flow(7)],
        };
        await PostAsync(oem, _collection, summary.ToStixObjects());

        var observables = (await ReadAllAsync(oem, _collection)).Where(o => StixObject.FromJson(o).Kind == StixObjectKind.CyberObservable).ToList();
        Assert.Equal(["file", "ipv4-addr", "network-traffic", "software"], observables.Select(o => (string)o["type"]!).Order(StringComparer.Ordinal));
        foreach (var o in observables)
        {
            Assert.Equal((string)o["id"]!, ObservableIds.Compute(o)?.ToString());
        }

        // stix2-validator strict mode (check 301): network-traffic carries both ports.
        var flow = observables.Single(o => (string)o["type"]! == "network-traffic");
        Assert.NotNull(flow["src_port"]);
        Assert.NotNull(flow["dst_port"]);
    }

    [Fact]
    public async Task Empty_manifest_and_versions_are_empty_resources_and_delete_answers_with_the_taxii_media_type()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        using (var manifest = await oem.GetAsync($"{Root}collections/{_collection}/manifest/"))
        {
            Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
            AssertTaxiiContentType(manifest);
            Assert.Equal("{}", await manifest.Content.ReadAsStringAsync());
        }

        var id = Stix.Id("indicator", 5);
        await PostAsync(oem, _collection, [Stix.Indicator(5)]);
        var future = Uri.EscapeDataString(StixTimestamp.FormatMicroseconds(Time.GetUtcNow().AddDays(1)));
        using (var versions = await oem.GetAsync($"{ObjectsUrl(_collection)}{id}/versions/?added_after={future}"))
        {
            Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
            Assert.Equal("{}", await versions.Content.ReadAsStringAsync());
        }

        using (var scores = await oem.GetAsync($"{Root}collections/{_collection}/scores/?added_after={future}"))
        {
            Assert.Equal("{}", await scores.Content.ReadAsStringAsync());
        }

        using var deleted = await oem.DeleteAsync($"{ObjectsUrl(_collection)}{id}/");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        AssertTaxiiContentType(deleted);
    }

    [Fact]
    public async Task Manifest_and_versions_give_a_next_whenever_more_is_true()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        var id = Stix.Id("indicator", 6);
        for (var d = 10; d >= 6; d--)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await PostAsync(oem, _collection, [Stix.Indicator(6, modified: Stix.T0.AddDays(-d)), Stix.Indicator(100 + d)]);
        }

        foreach (var (path, expected) in new[] { ($"{Root}collections/{_collection}/manifest/?match[version]=all&limit=2", 10), ($"{ObjectsUrl(_collection)}{id}/versions/?limit=2", 5) })
        {
            var received = 0;
            string? next = null;
            do
            {
                using var page = await oem.GetAsync(path + (next is null ? string.Empty : "&next=" + Uri.EscapeDataString(next)));
                var body = await JsonAsync(page);
                received += (body["objects"] ?? body["versions"])!.AsArray().Count;
                var more = body["more"]!.GetValue<bool>();
                Assert.Equal(more, body["next"] is not null);
                next = more ? (string)body["next"]! : null;
            }
            while (next is not null);

            Assert.Equal(expected, received);
        }
    }

    [Fact]
    public async Task New_merged_ids_are_uuid_v4()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        await PostAsync(oem, _collection, Stix.Summary(1).ToStixObjects());
        var merged = (await ReadAllAsync(oem, _collection)).Where(o => (string)o["type"]! is "indicator" or "sighting").ToList();
        Assert.Equal(2, merged.Count);
        Assert.All(merged, o => Assert.Equal(4, Guid.Parse(((string)o["id"]!)[((string)o["type"]!).Length..].TrimStart('-')).Version));
    }

    // A flow to a global-unicast peer, as the OBU reports one (its own port not reported: 0).
    private static JsonObject[] Flow(int n)
    {
        var peer = Observables.Ipv4($"203.0.113.{10 + n}");
        return [peer, Observables.NetworkTraffic(peer, 443, 0, "ipv4")];
    }
}
