using Firmware.SecurePartition.Posture;
using PostureServer.Catalogue;
using PostureServer.Import;

namespace PostureServer.Tests.Import;

/// <summary>The CVE JSON 5 import (CVE Record Format 5.1) against the sample kept in PostureServer/Samples (its README names the sources).</summary>
public sealed class CveRecordImportTests
{
    private static readonly CatalogueComponent[] Catalogue =
    [
        new("os", ComponentIdentifier.Parse("cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*"), ComponentRole.Other, "6.1.0"),
        new("curl", ComponentIdentifier.Parse("cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*"), ComponentRole.Other, "8.4.0"),
        new("tls", ComponentIdentifier.Parse("cpe:2.3:a:openssl:openssl:3.0.2:*:*:*:*:*:*:*"), ComponentRole.Other, "3.0.7"),
        new("app", ComponentIdentifier.Parse("pkg:generic/bench_oem/v2x-app"), ComponentRole.Application, "1.1.0"),
    ];

    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "cve5-records.json"));

    [Fact]
    public void The_sample_gives_three_weaknesses_and_skips_two_with_the_reason()
    {
        var (weaknesses, skipped) = CveRecordImport.Read(Sample, Catalogue, "cve5-records.json");

        // Matched by cpes (kernel, OpenSSL) and by vendor and product (curl, whose record has no cpes); scored from the vector,
        // equal to the baseScore the record states.
        Assert.Equal(
            [("CVE-2022-0847", "os", 7.8, "5.16.11"), ("CVE-2023-38545", "curl", 9.8, "8.4.0"), ("CVE-2022-3602", "tls", 7.5, "3.0.7")],
            weaknesses.Select(w => (w.Id, w.Component, w.BaseScore, w.FixedIn!)));
        Assert.Equal(2, skipped.Count);
        Assert.StartsWith("CVE-2019-0708: names no catalogue component", skipped[0], StringComparison.Ordinal);
        Assert.StartsWith("CVE-2008-1447: no valid CVSS v3.1 vector", skipped[1], StringComparison.Ordinal);
    }

    // component, installed version, affected
    public static TheoryData<string, string, bool> Versions => new()
    {
        { "os", "5.8", true },
        { "os", "5.15.0", true },
        { "os", "5.16.11", false },
        { "os", "5.7.19", false },
        { "curl", "8.3.0", true },
        { "curl", "7.68.9", false },
        { "tls", "3.0.6", true },
        { "tls", "3.0.7", false },
        { "tls", "1.1.1", false },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Affected_ranges_are_the_records_version_and_lessThan(string component, string version, bool affected)
    {
        var (weaknesses, _) = CveRecordImport.Read(Sample, Catalogue, "cve5-records.json");
        Assert.Equal(affected, weaknesses.Single(w => w.Component == component).Affects(version));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "not JSON", "{ \"dataType\": " },
        { "an object that is not a record", "{ \"dataType\": \"CVE_RECORD\" }" },
        { "an array holding a number", "[1]" },
        { "a version that is not a dotted number", Record("\"version\": \"1.0.1\", \"lessThan\": \"1.0.1g\", \"status\": \"affected\"") },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_is_a_typed_refusal(string name, string json)
    {
        var e = Assert.Throws<ArgumentException>(() => CveRecordImport.Read(json, Catalogue, name));
        Assert.False(string.IsNullOrEmpty(e.Message));
    }

    [Fact]
    public void A_record_for_a_product_with_no_affected_version_imports_nothing()
    {
        var (weaknesses, skipped) = CveRecordImport.Read(Record("\"version\": \"5.8\", \"status\": \"unaffected\""), Catalogue, "one");
        Assert.Empty(weaknesses);
        Assert.Single(skipped);
    }

    private static string Record(string version) => $$"""
        { "dataType": "CVE_RECORD", "cveMetadata": { "cveId": "CVE-2000-0001" }, "containers": { "cna": {
          "affected": [ { "vendor": "linux", "product": "linux_kernel", "versions": [ { {{version}} } ] } ],
          "metrics": [ { "cvssV3_1": { "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" } } ] } } }
        """;
}
