using Firmware.SecurePartition.Posture;
using PostureServer.Catalogue;
using PostureServer.Cli;
using PostureServer.Import;
using PostureServer.Store;

namespace PostureServer.Tests.Import;

/// <summary>
/// The CSAF 2.0 import (OASIS CSAF Version 2.0) against the sample kept in PostureServer/Samples/csaf-advisory.json (its
/// README names the source: the structure of the specification's example bsi-2022-0001, rewritten for our components).
/// </summary>
public sealed class CsafImportTests
{
    private static readonly CatalogueComponent[] Catalogue =
    [
        new("app", ComponentIdentifier.Parse("pkg:generic/bench_oem/v2x-app"), ComponentRole.Application, "1.1.0"),
        new("idf", ComponentIdentifier.Parse("cpe:2.3:a:bench_oem:integrity_guard:*:*:*:*:*:*:*:*"), ComponentRole.Idf, "2.0.3"),
        new("curl", ComponentIdentifier.Parse("cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*"), ComponentRole.Other, "8.4.0"),
    ];

    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "csaf-advisory.json"));

    [Fact]
    public void The_sample_gives_two_weaknesses_with_their_fixed_versions_and_lists_what_it_skipped()
    {
        Assert.True(CsafImport.IsAdvisory(Sample));
        var (weaknesses, skipped) = CsafImport.Read(Sample, Catalogue, "csaf-advisory.json");

        // The purl-named application (two product_version products, first_fixed 1.1.0) and the CPE-named IDF (a vers range,
        // fixed 2.0.3); scored from the vectors (the IDF's carries temporal metrics).
        Assert.Equal(
            [("BENCH-2026-001", "app", 8.8, 8.8, "1.1.0"), ("BENCH-2026-002", "idf", 5.5, 5.0, "2.0.3")],
            weaknesses.Select(w => (w.Id, w.Component, w.BaseScore, w.TemporalScore, w.FixedIn!)));
        Assert.Equal(["1.0.0", "1.0.1"], weaknesses[0].Affected.Select(r => r.ToString()));
        Assert.Equal("2.0.0..<2.0.3", Assert.Single(weaknesses[1].Affected).ToString());
        Assert.Equal("V2X application: heap overflow in the CAM decoder", weaknesses[0].Title);
        Assert.Equal(
            [
                "product CSAFPID-0006: '2.1.0-rc1': versions are dotted numbers",
                "BENCH-2026-003: names no catalogue component with an affected version",
                "BENCH-2026-004: no CVSS v3.1 vector (scores[].cvss_v3) for app",
            ],
            skipped);
    }

    // component, installed version, affected
    public static TheoryData<string, string, bool> Versions => new()
    {
        { "app", "1.0.0", true },
        { "app", "1.0.1", true },
        { "app", "1.1.0", false },
        { "app", "1.0.2", false },
        { "idf", "2.0.0", true },
        { "idf", "2.0.2", true },
        { "idf", "2.0.3", false },
        { "idf", "1.9.9", false },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Affected_versions_are_the_known_affected_products(string component, string version, bool affected)
    {
        var (weaknesses, _) = CsafImport.Read(Sample, Catalogue, "csaf-advisory.json");
        Assert.Equal(affected, weaknesses.Single(w => w.Component == component).Affects(version));
    }

    [Fact]
    public void Without_a_vendor_fix_there_is_no_fixed_version()
    {
        var json = Sample.Replace("\"vendor_fix\"", "\"workaround\"", StringComparison.Ordinal);
        var (weaknesses, _) = CsafImport.Read(json, Catalogue, "no fix");
        Assert.All(weaknesses, w => Assert.Null(w.FixedIn));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "not JSON", "{ \"document\": " },
        { "no document", "{ \"product_tree\": {} }" },
        { "CSAF 1.2", "{ \"document\": { \"csaf_version\": \"1.2\", \"tracking\": { \"id\": \"X\" } } }" },
        { "no tracking id", "{ \"document\": { \"csaf_version\": \"2.0\" } }" },
        { "an undefined product id (§6.1.1)", Sample.Replace("\"known_affected\": [\"CSAFPID-0004\"]", "\"known_affected\": [\"CSAFPID-0999\"]", StringComparison.Ordinal) },
        { "a product id defined twice (§6.1.2)", Sample.Replace("\"product_id\": \"CSAFPID-0002\"", "\"product_id\": \"CSAFPID-0001\"", StringComparison.Ordinal) },
        { "a product without an id", Sample.Replace("\"product_id\": \"CSAFPID-0005\",", "", StringComparison.Ordinal) },
        { "vulnerabilities not an array", "{ \"document\": { \"csaf_version\": \"2.0\", \"tracking\": { \"id\": \"X\" } }, \"vulnerabilities\": {} }" },
        { "a branch without a category", Sample.Replace("\"category\": \"product_name\",", "", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_advisory_is_a_typed_refusal(string name, string json)
    {
        var e = Assert.Throws<ArgumentException>(() => CsafImport.Read(json, Catalogue, name));
        Assert.Contains(name == "not JSON" ? "is not JSON" : "is not a well-formed CSAF 2.0 advisory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_imports_an_advisory_and_a_malformed_one_stores_nothing()
    {
        var folder = Testing.TestInfra.NewTempDirectory("posture-csaf");
        using (var store = PostureStore.Open(folder, create: true))
        {
            foreach (var c in Catalogue)
            {
                store.PutComponent(c);
            }
        }

        var bad = Path.Combine(folder, "bad.json");
        await File.WriteAllTextAsync(bad, Sample.Replace("\"known_affected\": [\"CSAFPID-0004\"]", "\"known_affected\": [\"CSAFPID-0999\"]", StringComparison.Ordinal));
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            Assert.Equal(1, await PostureCli.RunAsync(["import", folder, "--file", bad], output, error, TimeProvider.System));
            Assert.Contains("CSAFPID-0999", error.ToString(), StringComparison.Ordinal);
        }

        using (var store = PostureStore.Open(folder, create: false))
        {
            Assert.Empty(store.Weaknesses());
        }

        var good = Path.Combine(AppContext.BaseDirectory, "Samples", "csaf-advisory.json");
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            Assert.Equal(0, await PostureCli.RunAsync(["import", folder, "--file", good], output, error, TimeProvider.System));
            Assert.Contains("2 weakness(es) imported", output.ToString(), StringComparison.Ordinal);
        }

        using var reopened = PostureStore.Open(folder, create: false);
        Assert.Equal(["BENCH-2026-001", "BENCH-2026-002"], reopened.Weaknesses().Select(w => w.Id).Order());
    }
}
